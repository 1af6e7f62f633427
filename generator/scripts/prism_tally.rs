// Included by the Prism conformance drivers (`tests/examples/prism.rs`, `generator/constructs/examples/prism.rs`),
// where `Error` is the including crate's `runtime::Error`: it sorts each call's outcome into passes, request
// violations (Prism's `application/problem+json` answers), decode failures and other failures, checks that
// every operation of a spec was called, and prints the figures. Run through `generator/scripts/prism.sh`.

/// What the calls gave.
#[derive(Default)]
struct Tally {
    called: BTreeSet<&'static str>,
    calls: usize,
    violations: usize,
    decode_failures: usize,
    other_failures: usize,
    prism_defects: usize,
}

impl Tally {
    fn record<T, E: std::fmt::Debug>(&mut self, operation: &'static str, outcome: Result<T, Error<E>>) {
        self.called.insert(operation);
        self.calls += 1;
        let error = match outcome {
            Ok(_) => return println!("ok        {operation}"),
            Err(error) => error,
        };
        let (status, body) = match &error {
            Error::Api(api) => (Some(api.status), api.body.to_vec()),
            Error::UnexpectedStatus(raw) => (Some(raw.status()), raw.body().to_vec()),
            _ => (None, Vec::new()),
        };
        let text = String::from_utf8_lossy(&body);
        if text.contains("stoplight.io/prism/errors") {
            self.violations += 1;
            println!("VIOLATION {operation}: {} {text}", status.map(|s| s.as_u16()).unwrap_or(0));
        } else if let Error::Decode { source, response } = &error {
            self.decode_failures += 1;
            println!(
                "DECODE    {operation}: {source}; body {}",
                String::from_utf8_lossy(response.body())
            );
        } else {
            self.other_failures += 1;
            println!("FAILED    {operation}: {error} ({error:?}) {text}");
        }
    }

    // Only drivers that meet one of Prism's own limits call this.
    #[allow(dead_code)]
    /// A call whose request is right (its bytes are asserted by the wiremock tests) but which Prism cannot read.
    /// It is counted apart only when every problem Prism reports is `defect` (so one more violation in the same
    /// request is still a violation); anything else is recorded as usual.
    fn record_prism_defect<T, E: std::fmt::Debug>(
        &mut self,
        operation: &'static str,
        defect: &str,
        outcome: Result<T, Error<E>>,
    ) {
        let body = match &outcome {
            Err(Error::Api(api)) => Some(api.body.to_vec()),
            Err(Error::UnexpectedStatus(raw)) => Some(raw.body().to_vec()),
            _ => None,
        };
        if body.is_some_and(|body| only_problem(&body, defect)) {
            self.called.insert(operation);
            self.calls += 1;
            self.prism_defects += 1;
            return println!("PRISM     {operation}: known Prism limit: {defect}");
        }
        self.record(operation, outcome);
    }

    fn setup(&mut self, api: &str, error: &dyn std::fmt::Display) {
        self.other_failures += 1;
        println!("FAILED    {api}: the client could not be built: {error}");
    }

    /// Every `operationId` of the spec must have been called (a spec's ids are read from its text).
    fn cover(&mut self, api: &str, spec: &str) {
        for line in spec.lines() {
            let Some(id) = line.trim().strip_prefix("operationId:") else {
                continue;
            };
            let id = id.trim().trim_matches(['\'', '"']);
            if !self.called.contains(id) {
                self.other_failures += 1;
                println!("UNCOVERED {api}: operation {id} is not driven; add its call to the driver");
            }
        }
    }

    fn finish(&self) -> ExitCode {
        println!(
            "calls {}, violations {}, decode failures {}, other failures {}, known Prism limits {}",
            self.calls,
            self.violations,
            self.decode_failures,
            self.other_failures,
            self.prism_defects
        );
        if self.violations + self.decode_failures + self.other_failures == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

/// Whether a Prism problem answer reports `defect` and nothing else: every entry of its `validation` list (422)
/// or, without one, its `detail` (415, where Prism gives up before validating).
#[allow(dead_code)]
fn only_problem(body: &[u8], defect: &str) -> bool {
    let Ok(problem) = serde_json::from_slice::<serde_json::Value>(body) else {
        return false;
    };
    let is_prism = problem["type"]
        .as_str()
        .is_some_and(|kind| kind.contains("stoplight.io/prism/errors"));
    let mentions = |entry: &serde_json::Value| entry.as_str().is_some_and(|text| text.contains(defect));
    match problem["validation"].as_array() {
        Some(list) => is_prism && !list.is_empty() && list.iter().all(|entry| mentions(&entry["message"])),
        None => is_prism && mentions(&problem["detail"]),
    }
}

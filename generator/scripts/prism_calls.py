"""Writes the Prism driver's calls of every Billing Booth One operation (tests/examples/prism_billing_booth_one.rs).

Usage: python3 generator/scripts/prism_calls.py GENERATED_MODULE > calls.rs
GENERATED_MODULE is billing_booth_one.rs from the build's OUT_DIR (target/debug/build/billing-clients-*/out/):
method names and argument types are read from it, example values from the spec (required properties only, an
enum's first value). Paste the calls into send_all(); multipart forms (no Deserialize) are written by hand.
Needs PyYAML.
"""
import re, sys, yaml, json, os
root = os.path.join(os.path.dirname(__file__), '..', '..', 'specs', 'billing_booth_one.yaml')
gen = sys.argv[1]
cache = {}
def load(path):
    if path not in cache:
        cache[path] = yaml.safe_load(open(path))
    return cache[path]
def resolve(node, base):
    # follow $ref chains; returns (node, base)
    seen = 0
    while isinstance(node, dict) and '$ref' in node and seen < 20:
        ref = node['$ref']; seen += 1
        file, _, ptr = ref.partition('#')
        path = os.path.normpath(os.path.join(os.path.dirname(base), file)) if file else base
        doc = load(path)
        for part in [p for p in ptr.split('/') if p]:
            part = part.replace('~1', '/').replace('~0', '~')
            doc = doc[part]
        node, base = doc, path
    return node, base
def example(schema, base, depth=0):
    schema, base = resolve(schema, base)
    if depth > 6 or not isinstance(schema, dict):
        return None
    if 'example' in schema: return schema['example']
    if 'enum' in schema: return schema['enum'][0]
    if 'allOf' in schema:
        out = {}
        for s in schema['allOf']:
            v = example(s, base, depth + 1)
            if isinstance(v, dict): out.update(v)
        return out
    for key in ('oneOf', 'anyOf'):
        if key in schema: return example(schema[key][0], base, depth + 1)
    t = schema.get('type')
    fmt = schema.get('format')
    if t == 'object' or 'properties' in schema:
        out = {}
        props = schema.get('properties', {})
        for name in schema.get('required', []):
            if name in props:
                out[name] = example(props[name], base, depth + 1)
        return out
    if t == 'array':
        item = example(schema.get('items', {}), base, depth + 1)
        n = schema.get('minItems', 1)
        return [item] * max(n, 1)
    if t == 'integer': return schema.get('minimum', 1) if schema.get('minimum', 1) > 0 else 1
    if t == 'number': return 1.5
    if t == 'boolean': return True
    if t == 'string':
        return {'date': '2024-01-31', 'date-time': '2024-01-31T10:00:00Z', 'email': 'ops@example.com',
                'uuid': '00000000-0000-4000-8000-000000000000', 'decimal': '1.50', 'binary': 'x', 'byte': 'eA=='}.get(fmt, 'x')
    return {}
# operations of the bundled spec, by id
ops = {}
rootdoc = load(root)
for path, item in rootdoc['paths'].items():
    item, ibase = resolve(item, root)
    for method, op in item.items():
        if method in ('get','put','post','delete','patch') and isinstance(op, dict):
            ops[op['operationId']] = (op, ibase, item.get('parameters', []))
text = open(gen).read()
client = text[:text.index('pub mod mock')]
calls = []
pat = re.compile(r"\(operation `(\w+)`\)\.(?:(?!pub fn).)*?pub fn (\w+)\(\s*&self,?(.*?)\)\s*->\s*(\w+)Builder<'_>", re.S)
for m in pat.finditer(client):
    opid, name, args, _ = m.groups()
    if opid in ('createToken', 'listCustomerAccessUsers', 'inviteCustomerAccessUser', 'reactivateCustomerAccess'):
        continue
    op, base, item_params = ops[opid]
    params = {}
    for p in list(item_params) + op.get('parameters', []):
        p, pbase = resolve(p, base)
        params[p['name']] = (p, pbase)
    values = []
    for arg in [a.strip() for a in re.split(r',(?![^<]*>)', args) if a.strip()]:
        aname, _, aty = arg.partition(':')
        aname, aty = aname.strip(), aty.strip()
        if aty == 'impl AsRef<str>':
            values.append('"x"')
        elif aty in ('i64', 'i32'):
            values.append('1')
        elif aty == 'bool':
            values.append('true')
        elif aname == 'body':
            rb, rbase = resolve(op['requestBody'], base)
            content = rb['content']
            media = 'application/json' if 'application/json' in content else list(content)[0]
            ex = example(content[media].get('schema', {}), rbase)
            values.append('v(json!(%s))?' % json.dumps(ex))
        else:
            # a required parameter of another type: by its wire name
            wire = None
            for pname, (p, pbase) in params.items():
                if re.sub(r'[^a-z0-9]', '', pname.lower()) == re.sub(r'[^a-z0-9]', '', aname.lower()):
                    wire = (p, pbase)
            if wire is None:
                sys.exit('no param for %s %s' % (opid, aname))
            p, pbase = wire
            schema = p.get('schema') or list(p.get('content', {}).values())[0].get('schema', {})
            values.append('v(json!(%s))?' % json.dumps(example(schema, pbase)))
    calls.append('    tally.record("%s", client.%s(%s).await);' % (opid, name, ', '.join(values)))
print(len(calls), file=sys.stderr)
print('\n'.join(calls))

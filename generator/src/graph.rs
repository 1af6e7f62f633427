//! Graph algorithms over type indexes, linear in the number of types and references, so that specs with
//! tens of thousands of schemas (chains of `$ref`s included) are decided in one pass.

/// The strongly connected component of each node (Tarjan's algorithm, iterative so that a long chain of
/// types cannot overflow the stack), numbered in the order they complete. Edges to missing nodes are
/// ignored.
pub fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut index = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNSEEN; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    // Each frame is a node and how many of its edges have been followed.
    let mut frames: Vec<(usize, usize)> = Vec::new();
    for root in 0..count {
        if index[root] != UNSEEN {
            continue;
        }
        frames.push((root, 0));
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(node, followed)) = frames.last() {
            let targets = edges.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&target) = targets.get(followed) {
                if let Some(frame) = frames.last_mut() {
                    frame.1 += 1;
                }
                if target >= count {
                    continue;
                }
                if index[target] == UNSEEN {
                    index[target] = next_index;
                    low[target] = next_index;
                    next_index += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    frames.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index[target]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// For a graph where each node has at most one successor (an alias names one type), whether each node lies
/// on a cycle. Each node is walked once: a walk stops at a node already settled.
pub fn on_cycles(next: &[Option<usize>]) -> Vec<bool> {
    const UNSEEN: usize = usize::MAX;
    const SETTLED: usize = usize::MAX - 1;
    let count = next.len();
    // For nodes on the current walk, the walk's number; SETTLED once decided.
    let mut state = vec![UNSEEN; count];
    let mut cyclic = vec![false; count];
    let mut path = Vec::new();
    for (walk, start) in (0..count).enumerate() {
        let mut current = Some(start);
        while let Some(node) = current.filter(|&n| n < count) {
            if state[node] == walk {
                // Back on this walk: the nodes from `node` on form a cycle.
                let from = path.iter().position(|&p| p == node).unwrap_or(path.len());
                for &member in &path[from..] {
                    cyclic[member] = true;
                }
                break;
            }
            if state[node] != UNSEEN {
                break;
            }
            state[node] = walk;
            path.push(node);
            current = next[node];
        }
        for node in path.drain(..) {
            state[node] = SETTLED;
        }
    }
    cyclic
}

#[cfg(test)]
mod tests {
    use super::{components, on_cycles};

    #[test]
    fn cycles_share_a_component_and_chains_do_not() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 0 and 4 alone are not part of it.
        let edges = vec![vec![1], vec![2], vec![0], vec![0], vec![]];
        let c = components(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
        assert_ne!(c[3], c[4]);
    }

    #[test]
    fn a_long_chain_is_linear_and_does_not_overflow() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![0] })
            .collect();
        let c = components(&edges);
        assert!(c.iter().all(|&x| x == c[0]));
    }

    #[test]
    fn alias_cycles_are_found_once_each() {
        // 0 -> 1 -> 0 is a cycle, 2 leads into it, 3 -> 3 names itself, 4 ends the chain 5 -> 4.
        let next = vec![Some(1), Some(0), Some(0), Some(3), None, Some(4)];
        assert_eq!(
            on_cycles(&next),
            vec![true, true, false, true, false, false]
        );
        let chain: Vec<Option<usize>> = (0..200_000).map(|i| Some(i + 1)).collect();
        assert!(on_cycles(&chain).iter().all(|&c| !c));
    }
}

/**
 * Which connections Svelte Flow renders itself. Zoomed far out (shapes only) it gets none:
 * OverviewEdges draws them all as a few paths, and a thousand or more edge components that
 * draw nothing would still cost their mounting when a diagram opens and their updating when
 * nodes move. Zooming back in hands them over a chunk per frame, so no single frame mounts
 * them all; OverviewEdges keeps drawing until the last chunk is in.
 *
 * Pure: the editor's edges stay the source of truth, and what Svelte Flow writes back (a
 * selection change on the part it has) is merged into them by id.
 */

/** Edges handed to Svelte Flow per animation frame while zooming back in. */
export const EDGE_CHUNK = 400;

/** The edges Svelte Flow should have: none, the first `shown`, or all (the same array). */
export function handedEdges<T>(all: T[], shown: number): T[] {
  if (shown >= all.length) return all;
  return all.slice(0, Math.max(0, shown));
}

/**
 * `all` with what Svelte Flow wrote back while it had only part of it: items of `written` put
 * in place by id, new ones (a connection just drawn) added at the end. An item missing from
 * `written` was not handed over, not deleted, so it stays. Returns `all` itself when nothing
 * differs, so writing back an unchanged list changes nothing.
 */
export function mergeById<T extends { id: string }>(all: T[], written: readonly T[]): T[] {
  if (written === all) return all;
  const byId = new Map(written.map((item) => [item.id, item]));
  let changed = false;
  const merged = all.map((item) => {
    const next = byId.get(item.id);
    byId.delete(item.id);
    if (next === undefined || next === item) return item;
    changed = true;
    return next;
  });
  if (byId.size > 0) return [...merged, ...byId.values()];
  return changed ? merged : all;
}

/**
 * The selection after a click on connection `id` where Svelte Flow cannot handle it (it does
 * not have the edge): as Svelte Flow does, a plain click selects only that connection, and with
 * the multi-selection key it is added, or removed when it was selected already.
 */
export function clickSelection(selected: ReadonlySet<string>, id: string, additive: boolean): Set<string> {
  if (!additive) return new Set([id]);
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/**
 * The selection after a selection box where Svelte Flow cannot finish it (it does not have the
 * edges): as Svelte Flow does, the nodes in the box and every connection touching one of them.
 */
export function boxSelection(
  nodeIds: ReadonlySet<string>,
  edges: readonly { id: string; source: string; target: string }[],
): Set<string> {
  const next = new Set(nodeIds);
  for (const e of edges) if (nodeIds.has(e.source) || nodeIds.has(e.target)) next.add(e.id);
  return next;
}

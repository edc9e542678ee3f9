/**
 * The stacking order (z-index) of each drawn connection, for its label.
 *
 * Svelte Flow's own `EdgeLabel` reads it from the store's visible-edges map, so every label
 * re-runs whenever any node moves: with ~900 labels, that was a fifth of the main thread's
 * work on every frame of a node drag. Here one effect (EdgeDepthSync, inside `<SvelteFlow>`)
 * copies the values over, and each label depends only on its own connection's value, which
 * changes only when that connection is raised (an end selected or inside a boundary).
 */
export const EDGE_DEPTH_CONTEXT = Symbol('faultline-edge-depth');

class Depth {
  z = $state(0);
}

export class EdgeDepths {
  // Not reactive itself on purpose: each Depth is its own signal.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #depths = new Map<string, Depth>();

  #depth(id: string): Depth {
    let d = this.#depths.get(id);
    if (!d) {
      d = new Depth();
      this.#depths.set(id, d);
    }
    return d;
  }

  /** The connection's z-index (0 until known). Reactive per connection. */
  z(id: string): number {
    return this.#depth(id).z;
  }

  /** Copy the z-index of every laid-out edge (Svelte Flow's `store.visible.edges`). */
  sync(edges: ReadonlyMap<string, { zIndex?: number }>): void {
    for (const [id, edge] of edges) {
      const z = edge.zIndex ?? 0;
      const d = this.#depth(id);
      if (d.z !== z) d.z = z;
    }
  }
}

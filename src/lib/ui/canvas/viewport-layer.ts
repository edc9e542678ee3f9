/**
 * A Svelte action that moves an element into Svelte Flow's viewport, so it pans and zooms with
 * the diagram: behind the nodes (`back`, Svelte Flow's `.svelte-flow__viewport-back`) or in front
 * of them (`front`). The element is removed again when the component unmounts.
 *
 * Give an SVG drawn in flow coordinates the global `viewport-layer` class (app.css): a 1 px box
 * at the origin that draws outside itself and takes no pointer events.
 */
export function intoViewport(node: Element, where: 'back' | 'front' = 'back') {
  node.closest('.svelte-flow')?.querySelector(`.svelte-flow__viewport-${where}`)?.appendChild(node);
  return { destroy: () => node.remove() };
}

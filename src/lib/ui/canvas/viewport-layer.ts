/**
 * A Svelte action that moves an element into Svelte Flow's viewport, so it pans and zooms with
 * the diagram: behind the nodes (`back`, Svelte Flow's `.svelte-flow__viewport-back`), behind
 * everything else there too (`bottom`: its first child) or in front of the nodes (`front`). The
 * element is removed again when the component unmounts.
 *
 * Give an SVG drawn in flow coordinates the global `viewport-layer` class (app.css): a 1 px box
 * at the origin that draws outside itself and takes no pointer events.
 */
export function intoViewport(node: Element, where: 'back' | 'bottom' | 'front' = 'back') {
  const layer = node
    .closest('.svelte-flow')
    ?.querySelector(`.svelte-flow__viewport-${where === 'front' ? 'front' : 'back'}`);
  if (where === 'bottom') layer?.prepend(node);
  else layer?.appendChild(node);
  return { destroy: () => node.remove() };
}

/**
 * Resolves once the browser has painted a frame: a task queued from an animation frame runs
 * after that frame's style, layout and paint. Lets a progress message or a big canvas update
 * show before the next long step starts.
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'undefined') setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

import { useLayoutEffect, useState, type RefObject } from 'react';

export interface Viewport {
  readonly top: number;
  readonly height: number;
}

/**
 * The scroll position and height of a scrolling element, followed through scrolls and resizes. The position is
 * rounded down to a multiple of `stepPx`, so a list with that much overscan re-renders once per step scrolled
 * rather than on every scroll event.
 */
export function useViewport(ref: RefObject<HTMLElement | null>, stepPx = 1): Viewport {
  const [viewport, setViewport] = useState<Viewport>({ top: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      const top = Math.floor(element.scrollTop / stepPx) * stepPx;
      const height = element.clientHeight + stepPx;
      setViewport((old) => (old.top === top && old.height === height ? old : { top, height }));
    };
    update();
    element.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [ref, stepPx]);
  return viewport;
}

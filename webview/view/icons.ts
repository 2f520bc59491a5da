/** Small inline SVG icons for the playback controls (codicon-like, 16x16, currentColor). */
import { s } from './dom';

const PATHS = {
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M4 2.5h3v11H4zM9 2.5h3v11H9z',
  next: 'M3 2.5v11l7-5.5zM11 2.5h2v11h-2z',
  prev: 'M13 2.5v11l-7-5.5zM3 2.5h2v11H3z',
  restart: 'M8 2.5a5.5 5.5 0 1 1-5.2 3.7l1.4.5A4 4 0 1 0 8 4v2L4.5 3.25 8 .5z',
  chevron: 'M6 3.5l4.5 4.5L6 12.5l-1-1L8.5 8 5 4.5z',
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName, className = 'kw-icon'): SVGSVGElement {
  return s('svg', { class: className, viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' }, s('path', { d: PATHS[name] }));
}

export function setIcon(svg: SVGSVGElement, name: IconName): void {
  svg.querySelector('path')?.setAttribute('d', PATHS[name]);
}

// Pan and zoom of the graph: the wheel zooms around the pointer, dragging the background pans, and the
// view can fit the whole graph or bring one box into sight. The transform is an SVG attribute on one
// group (the CSP allows it; a style attribute it would not).
export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

const MIN_SCALE = 0.05;
const MAX_SCALE = 4;

export class PanZoom {
  private view: Viewport = { scale: 1, x: 0, y: 0 };

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly layer: SVGGElement,
  ) {
    svg.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    svg.addEventListener('pointerdown', (e) => this.onPointerDown(e));
  }

  get viewport(): Viewport {
    return { ...this.view };
  }

  /** Scales the graph down (never up past 1) so all of it is in sight, centred. */
  fit(width: number, height: number): void {
    const { clientWidth: w, clientHeight: h } = this.svg;
    const scale = clamp(Math.min(1, w / Math.max(width, 1), h / Math.max(height, 1)), MIN_SCALE, MAX_SCALE);
    this.set({ scale, x: (w - width * scale) / 2, y: (h - height * scale) / 2 });
  }

  zoomBy(factor: number, cx = this.svg.clientWidth / 2, cy = this.svg.clientHeight / 2): void {
    const scale = clamp(this.view.scale * factor, MIN_SCALE, MAX_SCALE);
    const k = scale / this.view.scale;
    this.set({ scale, x: cx - (cx - this.view.x) * k, y: cy - (cy - this.view.y) * k });
  }

  /** Pans (without zooming) so the rectangle, in graph coordinates, is in sight. */
  reveal(r: { x: number; y: number; width: number; height: number }): void {
    const { clientWidth: w, clientHeight: h } = this.svg;
    const { scale } = this.view;
    const left = r.x * scale + this.view.x;
    const top = r.y * scale + this.view.y;
    const margin = 24;
    let { x, y } = this.view;
    if (left < margin || left + r.width * scale > w - margin) x = w / 2 - (r.x + r.width / 2) * scale;
    if (top < margin || top + r.height * scale > h - margin) y = h / 2 - (r.y + r.height / 2) * scale;
    if (x !== this.view.x || y !== this.view.y) this.set({ scale, x, y });
  }

  private set(view: Viewport): void {
    this.view = view;
    this.layer.setAttribute('transform', `translate(${view.x.toFixed(1)} ${view.y.toFixed(1)}) scale(${view.scale})`);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.svg.getBoundingClientRect();
    this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - rect.left, e.clientY - rect.top);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 || (e.target as Element).closest('.box')) return;
    const start = { x: e.clientX, y: e.clientY, view: this.view };
    this.svg.setPointerCapture(e.pointerId);
    this.svg.classList.add('panning');
    const move = (m: PointerEvent) =>
      this.set({ ...start.view, x: start.view.x + m.clientX - start.x, y: start.view.y + m.clientY - start.y });
    const up = () => {
      this.svg.removeEventListener('pointermove', move);
      this.svg.classList.remove('panning');
    };
    this.svg.addEventListener('pointermove', move);
    this.svg.addEventListener('pointerup', up, { once: true });
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

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

  /** The extent last fitted, while the user has not zoomed or panned since: a resized panel refits it. */
  private fitted: { width: number; height: number } | null = null;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly layer: SVGGElement,
  ) {
    svg.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    svg.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    new ResizeObserver(() => {
      if (this.fitted) this.fit(this.fitted.width, this.fitted.height);
    }).observe(svg);
  }

  get viewport(): Viewport {
    return { ...this.view };
  }

  /** Scales the graph down (never up past 1) so all of it is in sight, centred. */
  fit(width: number, height: number): void {
    const { width: w, height: h } = this.area();
    const scale = this.fitScale(width, height);
    this.set({ scale, x: (w - width * scale) / 2, y: (h - height * scale) / 2 });
    this.fitted = { width, height };
  }

  /** The scale that fitting would give a graph of this extent. */
  fitScale(width: number, height: number): number {
    const { width: w, height: h } = this.area();
    return clamp(Math.min(1, w / Math.max(width, 1), h / Math.max(height, 1)), MIN_SCALE, MAX_SCALE);
  }

  /** Zooms to `scale` with the rectangle (graph coordinates) at the centre. */
  centreOn(r: { x: number; y: number; width: number; height: number }, scale: number): void {
    const { width: w, height: h } = this.area();
    this.set({ scale, x: w / 2 - (r.x + r.width / 2) * scale, y: h / 2 - (r.y + r.height / 2) * scale });
  }

  zoomBy(factor: number, cx = this.area().width / 2, cy = this.area().height / 2): void {
    const scale = clamp(this.view.scale * factor, MIN_SCALE, MAX_SCALE);
    const k = scale / this.view.scale;
    this.set({ scale, x: cx - (cx - this.view.x) * k, y: cy - (cy - this.view.y) * k });
  }

  /** Pans (without zooming) as little as brings the rectangle, in graph coordinates, into sight. */
  reveal(r: { x: number; y: number; width: number; height: number }): void {
    const { width: w, height: h } = this.area();
    const { scale } = this.view;
    const margin = 16;
    const shift = (start: number, length: number, view: number) => {
      if (length + 2 * margin > view) return view / 2 - (start + length / 2); // too big: centre it
      if (start < margin) return margin - start;
      if (start + length > view - margin) return view - margin - (start + length);
      return 0;
    };
    const dx = shift(r.x * scale + this.view.x, r.width * scale, w);
    const dy = shift(r.y * scale + this.view.y, r.height * scale, h);
    if (dx !== 0 || dy !== 0) this.set({ scale, x: this.view.x + dx, y: this.view.y + dy });
  }

  /** The drawing area's size in CSS pixels (an <svg> has no clientWidth of its own in every browser). */
  area(): { width: number; height: number } {
    const rect = this.svg.getBoundingClientRect();
    return { width: rect.width, height: rect.height };
  }

  private set(view: Viewport): void {
    this.view = view;
    this.fitted = null;
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

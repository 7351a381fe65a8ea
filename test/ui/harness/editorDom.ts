// Runs in the page (passed to Playwright's evaluate): finds text in a Monaco editor's rendered lines and
// returns where its first and last characters are on screen. Self-contained on purpose: nothing from
// this module's scope exists in the browser.

export interface TextBox {
  startX: number;
  endX: number;
  y: number;
}

export function locateText(editor: Element, query: { text: string; occurrence: number }): TextBox | null {
  const lines = Array.from(editor.querySelectorAll<HTMLElement>('.view-lines .view-line')).sort(
    (a, b) => parseFloat(a.style.top) - parseFloat(b.style.top),
  );
  let seen = 0;
  for (const line of lines) {
    // Monaco renders spaces as no-break spaces; one character either way, so offsets still match.
    const content = (line.textContent ?? '').replace(/\u00a0/g, ' ');
    for (let at = content.indexOf(query.text); at >= 0; at = content.indexOf(query.text, at + 1)) {
      if (seen++ < query.occurrence) continue;
      const first = charRect(line, at);
      const last = charRect(line, at + query.text.length - 1);
      if (!first || !last) return null;
      return { startX: first.left, endX: last.right, y: (first.top + first.bottom) / 2 };
    }
  }
  return null;

  // The screen box of the character at `offset` in the line's text.
  function charRect(root: HTMLElement, offset: number): DOMRect | null {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let remaining = offset;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      if (remaining < length) {
        const range = document.createRange();
        range.setStart(node, remaining);
        range.setEnd(node, remaining + 1);
        return range.getBoundingClientRect();
      }
      remaining -= length;
    }
    return null;
  }
}

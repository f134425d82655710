import { expect, type Page } from "@playwright/test";

/**
 * Geometry of a screen as the browser laid it out: what a projector or a phone would show, read
 * from bounding boxes and computed styles, not from a picture.
 */

export interface ScreenGeometry {
  viewport: { width: number; height: number };
  scrollHeight: number;
  scrollWidth: number;
  /** Elements whose content is cut off: a scroll box that scrolls, or hidden overflow. */
  clipped: string[];
  /** Elements that reach past the viewport's left or right edge. */
  outside: string[];
}

/** Reads the page: document size, clipped boxes, boxes past the viewport's sides. */
export async function screenGeometry(page: Page, deviceWidth?: number): Promise<ScreenGeometry> {
  return page.evaluate((deviceWidth) => {
    const describe = (el: Element) => {
      const id = el.getAttribute("data-testid");
      const cls = el.getAttribute("class");
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ""}${cls ? `.${cls.split(" ").join(".")}` : ""}`;
    };
    const hasClippingAncestor = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o !== "visible") return true;
      }
      return false;
    };
    const clipped: string[] = [];
    const outside: string[] = [];
    // A phone's layout viewport grows to fit content that is too wide: measure against the
    // device's width, not innerWidth.
    const width = deviceWidth ?? window.innerWidth;
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (!(el instanceof HTMLElement) && !(el instanceof SVGSVGElement)) continue;
      // Hidden, or inside a closed <details>: not on screen.
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      const style = getComputedStyle(el);
      // Screen-reader-only text is clipped on purpose (.sr-only, or the same rules elsewhere).
      if (el.closest(".sr-only") || style.clip === "rect(0px, 0px, 0px, 0px)") continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (el instanceof HTMLElement && !(el instanceof HTMLSelectElement)) {
        const clipsX = style.overflowX !== "visible" && style.overflowX !== "clip";
        const clipsY = style.overflowY !== "visible" && style.overflowY !== "clip";
        if (clipsX && el.scrollWidth > el.clientWidth + 1)
          clipped.push(`${describe(el)} x ${el.scrollWidth}>${el.clientWidth}`);
        if (clipsY && el.scrollHeight > el.clientHeight + 1 && el !== document.body)
          clipped.push(`${describe(el)} y ${el.scrollHeight}>${el.clientHeight}`);
      }
      // Past the sides and not inside a box that clips it (that box is then judged instead).
      const clippedBy = hasClippingAncestor(el);
      if ((rect.left < -1 || rect.right > width + 1) && !clippedBy)
        outside.push(`${describe(el)} ${Math.round(rect.left)}..${Math.round(rect.right)}`);
    }
    return {
      viewport: { width, height: window.innerHeight },
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      clipped,
      outside,
    };
  }, deviceWidth);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * A host screen fits its projector: no page scroll either way, nothing clipped or past the
 * sides, every `testId` element whole inside the viewport and clear of the control bar. Read in
 * one round trip: the checks run on every screen of a whole game.
 */
export async function expectFitsScreen(page: Page, screen: string, testIds: string[] = []) {
  const g = await screenGeometry(page);
  const boxes = await page.evaluate((ids) => {
    const rect = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const bar = document.querySelector('[data-testid="host-controls"]');
    return {
      bar: bar ? rect(bar) : null,
      ids: ids.map((id) =>
        Array.from(document.querySelectorAll(`[data-testid="${id}"]`))
          .filter((el) => el.checkVisibility())
          .map(rect),
      ),
    };
  }, testIds);
  const label = `${screen} at ${g.viewport.width}x${g.viewport.height}`;
  expect.soft(g.scrollHeight, `${label}: page height`).toBeLessThanOrEqual(g.viewport.height);
  expect.soft(g.scrollWidth, `${label}: page width`).toBeLessThanOrEqual(g.viewport.width);
  expect.soft(g.clipped, `${label}: clipped boxes`).toEqual([]);
  expect.soft(g.outside, `${label}: boxes past the sides`).toEqual([]);

  const bar = boxes.bar;
  if (bar) {
    expect
      .soft(bar.y + bar.height, `${label}: control bar on screen`)
      .toBeLessThanOrEqual(g.viewport.height + 0.5);
  }
  for (const [k, id] of testIds.entries()) {
    const all = boxes.ids[k] ?? [];
    expect.soft(all.length, `${label}: ${id} present`).toBeGreaterThan(0);
    for (const [i, box] of all.entries()) {
      const inside =
        box.x >= -0.5 &&
        box.y >= -0.5 &&
        box.x + box.width <= g.viewport.width + 0.5 &&
        box.y + box.height <= g.viewport.height + 0.5;
      expect
        .soft(inside, `${label}: ${id}#${i} inside the viewport ${JSON.stringify(box)}`)
        .toBe(true);
      if (bar && id !== "host-controls")
        expect.soft(overlaps(box, bar), `${label}: ${id}#${i} under the control bar`).toBe(false);
    }
  }
}

/**
 * The smallest computed font size (px) of the visible text inside `selector`, leaving out
 * screen-reader-only text and anything matching `except`.
 */
export async function smallestFontPx(page: Page, selector: string, except = ""): Promise<number> {
  return page.evaluate(
    ([sel, except]) => {
      const skip = [".sr-only", except].filter(Boolean).join(", ");
      let smallest = Infinity;
      for (const root of Array.from(document.querySelectorAll(sel))) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (!parent || !node.textContent?.trim() || parent.closest(skip)) continue;
          const rect = parent.getBoundingClientRect();
          if (rect.width === 0 || rect.height === 0) continue;
          smallest = Math.min(smallest, parseFloat(getComputedStyle(parent).fontSize));
        }
      }
      return smallest;
    },
    [selector, except] as const,
  );
}

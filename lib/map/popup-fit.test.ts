import { describe, expect, it } from 'vitest';
import { arcAnchor, fitShift, hangsFrom, placePopup, POPUP_MARGIN } from './popup-fit';

const box = (left: number, top: number, w: number, h: number) => ({ left, top, right: left + w, bottom: top + h });
const map = box(0, 50, 900, 600);

describe('fitShift', () => {
  it('leaves a popup that fits where it is', () => {
    expect(fitShift(map, box(100, 100, 300, 200))).toEqual({ dx: 0, dy: 0 });
  });
  it('brings a popup that runs off the left and top back inside, with the margin', () => {
    expect(fitShift(map, box(-706, 20, 300, 200))).toEqual({ dx: 706 + POPUP_MARGIN, dy: 30 + POPUP_MARGIN });
  });
  it('brings a popup that runs off the right and bottom back inside', () => {
    expect(fitShift(map, box(800, 600, 300, 200))).toEqual({ dx: 900 - POPUP_MARGIN - 1100, dy: 650 - POPUP_MARGIN - 800 });
  });
  it('a popup larger than the map keeps its top-left corner in view', () => {
    expect(fitShift(map, box(-50, 0, 1000, 800))).toEqual({ dx: 50 + POPUP_MARGIN, dy: 50 + POPUP_MARGIN });
  });
  it('after the shift the popup lies inside (random boxes)', () => {
    for (let i = 0; i < 200; i++) {
      const w = 50 + ((i * 37) % 400);
      const h = 50 + ((i * 53) % 300);
      const p = box(((i * 211) % 1600) - 600, ((i * 97) % 1200) - 400, w, h);
      const { dx, dy } = fitShift(map, p);
      expect(p.left + dx).toBeGreaterThanOrEqual(map.left + POPUP_MARGIN);
      expect(p.right + dx).toBeLessThanOrEqual(map.right - POPUP_MARGIN);
      expect(p.top + dy).toBeGreaterThanOrEqual(map.top + POPUP_MARGIN);
      expect(p.bottom + dy).toBeLessThanOrEqual(map.bottom - POPUP_MARGIN);
    }
  });
});

describe('placePopup', () => {
  it('hangs above a point in the lower half and below one in the upper half', () => {
    expect(placePopup(450, 500, 900, 600).anchor).toBe('bottom');
    expect(placePopup(450, 80, 900, 600).anchor).toBe('top');
  });
  it('a popup as wide as the map stays centred on a point at its middle (no float slip to a side)', () => {
    expect(placePopup(195.00000000000057, 270, 390, 540).anchor).toBe('bottom');
  });
  it('shifts sideways near an edge so the popup stays inside', () => {
    expect(placePopup(20, 500, 900, 600).anchor).toBe('bottom-left');
    expect(placePopup(880, 80, 900, 600).anchor).toBe('top-right');
  });
  it('on a wide, short map a point in the middle gets its popup beside it, as tall as the map allows', () => {
    const p = placePopup(470, 195, 940, 390);
    expect(['left', 'right']).toContain(p.anchor);
    expect(p.fits).toBe(true);
    expect(p.maxHeight).toBeGreaterThan(195);
    expect(p.maxHeight).toBeLessThan(390 - 2 * POPUP_MARGIN);
  });
  it('is never taller than the room on its side, nor wider than the map', () => {
    for (const [x, y, w, h] of [[195, 270, 390, 540], [100, 400, 1280, 700], [600, 350, 1280, 700], [470, 195, 940, 390], [50, 300, 390, 540]] as const) {
      const p = placePopup(x, y, w, h);
      expect(p.fits).toBe(true);
      expect(p.maxWidth).toBeLessThanOrEqual(w - 2 * POPUP_MARGIN);
      const room = p.anchor.startsWith('bottom') ? y - POPUP_MARGIN : p.anchor.startsWith('top') ? h - y - POPUP_MARGIN : 2 * Math.min(y, h - y) - 2 * POPUP_MARGIN;
      expect(p.maxHeight, `${p.anchor} at ${x},${y} of ${w}×${h}`).toBeLessThan(room);
      if (p.anchor === 'left') expect(x + p.maxWidth).toBeLessThan(w);
      if (p.anchor === 'right') expect(x - p.maxWidth).toBeGreaterThan(0);
    }
  });
  it('does not fit a point off the map, or a map too short for any popup', () => {
    expect(placePopup(-50, 300, 900, 600).fits).toBe(false);
    expect(placePopup(450, 75, 900, 150).fits).toBe(false);
  });
});

describe('hangsFrom', () => {
  it('knows a box placed for its anchor from one not yet positioned', () => {
    expect(hangsFrom(box(10, 81, 370, 397), 'bottom', 195, 488)).toBe(true);
    expect(hangsFrom(box(-185, 81, 370, 397), 'bottom', 195, 488)).toBe(false);
    expect(hangsFrom(box(200, 100, 300, 200), 'left', 180, 200)).toBe(true);
    expect(hangsFrom(box(200, 100, 300, 200), 'bottom-right', 180, 200)).toBe(false);
    expect(hangsFrom(box(20, 300, 300, 200), 'top-left', 10, 280)).toBe(true);
  });
});

describe('arcAnchor', () => {
  const identity = (lng: number, lat: number) => ({ x: lng, y: lat });
  it('prefers the destination when it is on screen', () => {
    expect(arcAnchor([[-500, 100], [100, 100], [300, 200]], identity, 800, 600)).toEqual([300, 200]);
  });
  it('falls back to the on-screen point nearest the destination', () => {
    expect(arcAnchor([[50, 50], [100, 100], [200, 150], [2000, 200]], identity, 800, 600)).toEqual([200, 150]);
  });
  it('is null when no point of the arc is on screen', () => {
    expect(arcAnchor([[-100, -100], [-50, 900]], identity, 800, 600)).toBeNull();
  });
});

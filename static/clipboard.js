// Copying, for every Copy on the page (the Code region, the Result's tools, Share): the one
// place that asks the browser's clipboard. Resolves true when the text was copied. Where the
// browser refuses (no permission, no secure context), `fromSelection` falls back to copying
// what the page has selected, for a caller that selected the same text first (Share).
export function copyText(text, { fromSelection = false } = {}) {
  const selected = () => {
    if (!fromSelection) return false;
    try { return document.execCommand("copy"); } catch (error) { return false; }
  };
  if (!navigator.clipboard || !navigator.clipboard.writeText) return Promise.resolve(selected());
  return navigator.clipboard.writeText(text).then(() => true, selected);
}

// What a Copy button says when the browser refuses.
export const REFUSED = "Not copied: the browser refused. Select the text instead.";

// What the layout walk (layout.rs) asks of every screen, as a tablet user would see it: the page never scrolls
// sideways, nothing sticks out of the box it sits in, and every control is at least 44 × 44 CSS px (R11.1).
// Returns a list of problems, one readable line each; an empty list is a pass. Exceptions, each on purpose:
// - a link inside a sentence (an inline link with text around it) is sized by the sentence it reads in;
// - a check box or radio is measured by the label that holds it (the label is the target the finger hits);
// - what sits inside a container that scrolls sideways on purpose (a wide table's wrapper) may be wider.
(() => {
  const MIN = 44;
  const problems = [];
  const describe = (el) => {
    const name = el.getAttribute('name') || el.getAttribute('aria-label') || '';
    const text = (el.innerText || el.value || el.getAttribute('placeholder') || '').trim().replace(/\s+/g, ' ');
    const classes = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${classes}${name ? `[${name}]` : ''} "${text.slice(0, 24)}"`;
  };
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  const scrollsSideways = (el) => {
    const overflow = getComputedStyle(el).overflowX;
    return overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden' || overflow === 'clip';
  };

  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth} px of content in ${root.clientWidth} px`);
  }

  // Overflow: an element that reaches beyond the right edge of its panel (or of the page's main area) while no
  // container between them scrolls. Reported once, at the outermost element that sticks out.
  const panels = [...document.querySelectorAll('.panel, main, .topbar')].filter(visible);
  const reported = new Set();
  for (const panel of panels) {
    const edge = panel.getBoundingClientRect().right + 1;
    for (const el of panel.querySelectorAll('*')) {
      if (!visible(el) || reported.has(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= edge) continue;
      let inside = el.parentElement;
      let contained = false;
      while (inside && inside !== panel) {
        if (scrollsSideways(inside) || reported.has(inside)) { contained = true; break; }
        inside = inside.parentElement;
      }
      if (contained) continue;
      reported.add(el);
      problems.push(`${describe(el)} sticks out of ${describe(panel).slice(0, 40)} by ${Math.round(r.right - edge)} px`);
    }
  }
  // Text or controls cut inside their own box (an input narrower than its value, a button whose label wraps out).
  for (const el of document.querySelectorAll('button, .button, select, th, .tree__name')) {
    if (!visible(el) || scrollsSideways(el.parentElement || el)) continue;
    if (el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflowX !== 'visible') {
      problems.push(`${describe(el)} cuts its content: ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
  }

  // Touch targets.
  const interactive = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  for (const el of document.querySelectorAll(interactive)) {
    if (!visible(el) || el.closest('[data-layout-exempt]')) continue;
    let target = el;
    if (el.matches('input[type=checkbox], input[type=radio]')) {
      target = el.closest('label') || el;
    }
    if (el.matches('a') && getComputedStyle(el).display === 'inline') {
      const sentence = el.parentElement;
      const around = sentence ? sentence.innerText.replace(el.innerText, '').trim() : '';
      if (around.length > 0) continue;
    }
    const r = target.getBoundingClientRect();
    if (Math.round(r.width) < MIN || Math.round(r.height) < MIN) {
      problems.push(`${describe(el)} is ${Math.round(r.width)} × ${Math.round(r.height)} px (under ${MIN})`);
    }
  }
  return [...new Set(problems)];
})()

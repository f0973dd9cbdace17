/**
 * DOM → paragraph blocks. Works on any DOM subtree (Readability's extracted content, a page body, an
 * HTML fragment inside Markdown) with the minimal node interface linkedom provides.
 */
import { parseHTML } from "linkedom";

/** One paragraph's worth of text from a block element. */
export interface HtmlBlock {
  text: string;
  /** True for a <figcaption> (or text inside one): a photo caption, not article body. */
  caption: boolean;
}

/** The little of the DOM the walker needs (linkedom's nodes have it; so would a browser's). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
  getAttribute?(name: string): string | null;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * Never read as text: code, styling, embedded documents, forms and navigation, media fallbacks, and
 * whatever the page hides. (An <iframe>'s or <noscript>'s "text" is markup or a "please enable
 * JavaScript" notice, never article prose.)
 */
const SKIPPED = new Set([
  "script",
  "style",
  "iframe",
  "noscript",
  "template",
  "form",
  "input",
  "button",
  "select",
  "textarea",
  "option",
  "label",
  "fieldset",
  "nav",
  "head",
  "title",
  "meta",
  "link",
  "svg",
  "math",
  "canvas",
  "object",
  "embed",
  "audio",
  "video",
  "picture",
  "img",
  "map",
  "dialog",
]);

/** Elements that start and end a paragraph. Text between nested blocks becomes its own paragraph. */
const BLOCKS = new Set([
  "html",
  "body",
  "main",
  "article",
  "section",
  "div",
  "header",
  "footer",
  "aside",
  "address",
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hgroup",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "blockquote",
  "pre",
  "figure",
  "figcaption",
  "table",
  "caption",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "details",
  "summary",
  "center",
  "hr",
]);

const CELLS = new Set(["td", "th"]);

export interface BlockOptions {
  /** Extra element names to skip (the page fallback skips headers, footers and asides). */
  skip?: ReadonlySet<string>;
}

/** The paragraphs of a DOM subtree, in document order, with HTML whitespace rules applied. */
export function blocksFromDom(root: DomNode, options: BlockOptions = {}): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  let buffer = "";

  const flush = (caption: boolean) => {
    const text = buffer
      .split("\n")
      .map((line) => line.trim())
      .join("\n")
      .trim();
    if (text) blocks.push({ text, caption });
    buffer = "";
  };

  // An explicit stack rather than recursion: hostile pages nest elements thousands deep.
  type Step = { node: DomNode; pre: boolean; caption: boolean } | { flush: boolean };
  const stack: Step[] = [{ node: root, pre: false, caption: false }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ("flush" in step) {
      flush(step.flush);
      continue;
    }
    const { node, pre, caption } = step;
    if (node.nodeType === TEXT_NODE) {
      const data = node.textContent ?? "";
      // Outside <pre>, runs of HTML whitespace are one space (NBSP is not HTML whitespace: cleanText handles it).
      buffer += pre ? data : data.replace(/[ \t\n\r\f]+/g, " ");
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const name = node.nodeName.toLowerCase();
    if (SKIPPED.has(name) || options.skip?.has(name) || isHidden(node)) continue;
    if (name === "br") {
      buffer += "\n";
      continue;
    }
    const isBlock = BLOCKS.has(name);
    const childCaption = caption || name === "figcaption";
    if (isBlock) {
      flush(caption);
      stack.push({ flush: childCaption });
    } else if (CELLS.has(name) && buffer.trim()) {
      buffer += " | ";
    }
    const childPre = pre || name === "pre";
    // Read childNodes once: linkedom builds a fresh array on every access (quadratic in a loop).
    const children = node.childNodes;
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index];
      if (child) stack.push({ node: child, pre: childPre, caption: childCaption });
    }
  }
  flush(false);
  return blocks;
}

/** The paragraphs of an HTML fragment (a raw HTML block inside Markdown, say). */
export function blocksFromHtmlFragment(html: string): HtmlBlock[] {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return blocksFromDom(document.documentElement as unknown as DomNode);
}

function isHidden(node: DomNode): boolean {
  const attribute = (name: string) => node.getAttribute?.(name) ?? null;
  if (attribute("hidden") !== null || attribute("aria-hidden") === "true") return true;
  const style = attribute("style");
  return style !== null && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

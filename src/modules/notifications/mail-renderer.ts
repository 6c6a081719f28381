import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMoney } from './money-format';
import { MESSAGE_CATALOG, TEMPLATE_NAMES, TemplateName } from './message-catalog';

export interface RendererOptions {
  /** Folder of `<name>.html.hbs`, `<name>.text.hbs` and `partials/*.hbs`. */
  templatesDir: string;
  /** Base of every link, e.g. `https://shop.example.com`. */
  storefrontUrl: string;
  locale: string;
  currency: string;
}

export interface RenderedBody {
  html: string;
  text: string;
}

type Compiled = Handlebars.TemplateDelegate<Record<string, unknown>>;

/** Builds `<base>/<segments...>?<hash>`: `{{link "orders" orderId}}`, `{{link "verify-email" token=token}}`. */
export function storefrontLink(base: string, segments: unknown[], query: Record<string, unknown>): string {
  const path = segments.map((s) => encodeURIComponent(String(s))).join('/');
  const search = new URLSearchParams(
    Object.entries(query).map(([key, value]) => [key, String(value)] as [string, string]),
  ).toString();
  return `${base.replace(/\/+$/, '')}/${path}${search ? `?${search}` : ''}`;
}

/** Escapes what HTML needs escaped in text and attributes (Handlebars would also turn `=` into `&#x3D;`). */
const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One Handlebars environment per part: links are attribute-escaped in HTML, verbatim in text. */
function environment(options: RendererOptions, part: 'html' | 'text'): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('money', (value: unknown) => formatMoney(value as never, options.locale, options.currency));
  hbs.registerHelper('datetime', (value: unknown) => formatUtc(String(value), options.locale));
  hbs.registerHelper('link', (...args: unknown[]) => {
    const { hash } = args.pop() as Handlebars.HelperOptions;
    const url = storefrontLink(options.storefrontUrl, args, hash as Record<string, unknown>);
    return part === 'html' ? new hbs.SafeString(escapeHtml(url)) : url;
  });
  return hbs;
}

/** An ISO timestamp for people, in UTC so that every reader sees the same moment. */
export function formatUtc(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a timestamp: ${iso}`);
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}

/**
 * Renders the message templates: HTML (escaped) and plain text (not escaped) from the same context.
 * Strict mode: a field missing from the context is a bug that fails the render, not a blank.
 */
export class MailRenderer {
  private readonly html = new Map<TemplateName, Compiled>();
  private readonly text = new Map<TemplateName, Compiled>();
  private readonly subjects = new Map<TemplateName, Compiled>();

  constructor(options: RendererOptions) {
    const read = (file: string) => readFileSync(join(options.templatesDir, file), 'utf8');
    const html = environment(options, 'html');
    const text = environment(options, 'text');
    html.registerPartial('layout', read('partials/layout.html.hbs'));
    html.registerPartial('lines', read('partials/lines.html.hbs'));
    text.registerPartial('lines', read('partials/lines.text.hbs'));
    for (const name of TEMPLATE_NAMES) {
      this.html.set(name, html.compile(read(`${name}.html.hbs`), { strict: true }));
      this.text.set(name, text.compile(read(`${name}.text.hbs`), { strict: true, noEscape: true }));
      this.subjects.set(name, text.compile(MESSAGE_CATALOG[name].subject, { strict: true, noEscape: true }));
    }
  }

  subject(template: TemplateName, context: Record<string, unknown>): string {
    return this.subjects.get(template)!(context).replace(/\s+/g, ' ').trim();
  }

  body(template: TemplateName, context: Record<string, unknown>): RenderedBody {
    return { html: this.html.get(template)!(context), text: this.text.get(template)!(context) };
  }
}

/** Every message Emporium sends: the template file pair `templates/<name>.{html,text}.hbs`. */
export const TEMPLATE_NAMES = [
  'verify-email',
  'reset-password',
  'order-received',
  'order-receipt',
  'order-shipped',
  'order-cancelled',
  'refund-issued',
  'stock-low',
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface TemplateSpec {
  /** A Handlebars template over the message's stored (non-secret) context. */
  subject: string;
  /**
   * Context fields that are one-time secrets (raw verification and reset tokens). They travel in
   * the send job only and are never written to the message log; see send-email.processor.ts.
   */
  secrets: readonly string[];
  /** Unsent copies follow the account to a new address (users.user-profile-changed). */
  followsProfileEmail: boolean;
}

export const MESSAGE_CATALOG: Record<TemplateName, TemplateSpec> = {
  // A verification link proves one address: it never follows the account to another one.
  'verify-email': { subject: 'Confirm your e-mail address', secrets: ['token'], followsProfileEmail: false },
  'reset-password': { subject: 'Reset your password', secrets: ['token'], followsProfileEmail: true },
  'order-received': { subject: 'We received your order {{orderNumber}}', secrets: [], followsProfileEmail: true },
  'order-receipt': { subject: 'Receipt for your order {{orderNumber}}', secrets: [], followsProfileEmail: true },
  'order-shipped': { subject: 'Your order {{orderNumber}} is on its way', secrets: [], followsProfileEmail: true },
  'order-cancelled': { subject: 'Your order {{orderNumber}} was cancelled', secrets: [], followsProfileEmail: true },
  'refund-issued': { subject: 'Refund for your order {{orderNumber}}', secrets: [], followsProfileEmail: true },
  'stock-low': { subject: 'Stock low: {{sku}} ({{available}} left)', secrets: [], followsProfileEmail: false },
};

export const isTemplateName = (name: string): name is TemplateName =>
  (TEMPLATE_NAMES as readonly string[]).includes(name);

/** The templates whose unsent copies follow a changed account address. */
export const TEMPLATES_FOLLOWING_PROFILE: TemplateName[] = TEMPLATE_NAMES.filter(
  (name) => MESSAGE_CATALOG[name].followsProfileEmail,
);

import { IsEmail, IsOptional, IsString, Matches } from 'class-validator';

/** Mail delivery and what the messages link to. */
export class NotificationsConfig {
  /** `smtp://user:pass@host:587` or `smtps://...`; unset = messages are written to the log instead. */
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL: string | undefined = undefined;

  @IsString()
  MAIL_FROM = 'Emporium <no-reply@emporium.local>';

  /** Base of the links in messages (`/verify-email?token=`, `/reset-password?token=`, `/orders/<id>`). */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_STOREFRONT_URL must be an http(s) URL' })
  PUBLIC_STOREFRONT_URL = 'http://localhost:3000';

  /** Receives stock-low alerts; unset = no alerts are mailed. */
  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_ALERT_EMAIL must be an e-mail address' })
  ADMIN_ALERT_EMAIL: string | undefined = undefined;

  /** ISO 4217 currency of amounts that carry none. */
  @Matches(/^[A-Z]{3}$/, { message: 'STORE_CURRENCY must be an ISO 4217 code such as EUR' })
  STORE_CURRENCY = 'EUR';

  /** BCP 47 locale for money and dates in messages. */
  @Matches(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { message: 'STORE_LOCALE must be a locale such as en-US' })
  STORE_LOCALE = 'en-US';
}

import { DomainError, NotFoundError } from '../../common/errors/domain-error';

export class MessageNotFoundError extends NotFoundError {
  constructor() {
    super('Message', 'NOTIFICATIONS.MESSAGE_NOT_FOUND');
  }
}

export class MessageNotFailedError extends DomainError {
  constructor(status: string) {
    super('conflict', 'NOTIFICATIONS.MESSAGE_NOT_FAILED', `Only a failed message can be retried; this one is ${status}`, {
      messageStatus: status,
    });
  }
}

export class RecipientErasedError extends DomainError {
  constructor() {
    super('conflict', 'NOTIFICATIONS.RECIPIENT_ERASED', 'The recipient of this message was erased');
  }
}

/** The message carried a one-time token that only lived in its send job, and that job is gone. */
export class OneTimeTokenGoneError extends DomainError {
  constructor() {
    super(
      'conflict',
      'NOTIFICATIONS.ONE_TIME_TOKEN_GONE',
      'This message carried a one-time link that is no longer kept; the user must ask for a new one',
    );
  }
}

export class SendInProgressError extends DomainError {
  constructor() {
    super('conflict', 'NOTIFICATIONS.SEND_IN_PROGRESS', 'The message is still being sent; try again in a moment');
  }
}

// How the TUI shows a failure in place: the error's message, and its hint when it carries one (a UserError does).
import { t } from '../i18n/index.ts';

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function messageWithHint(error: unknown): string {
  const hint = (error as { hint?: string } | null)?.hint;
  return hint ? t('tui.error.withHint', { message: messageOf(error), hint }) : messageOf(error);
}

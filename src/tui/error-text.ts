// How the TUI shows a failure in place: the error's message, and its hint when it carries one (a UserError does).

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function messageWithHint(error: unknown): string {
  const hint = (error as { hint?: string } | null)?.hint;
  return hint ? `${messageOf(error)} (${hint})` : messageOf(error);
}

// A write in flight is not abandoned on Ctrl+C or SIGTERM: the signal is held until the outcome is
// recorded, then reported. (SIGKILL cannot be held: the "pending" journal entry covers it.)

export type HeldSignal = 'SIGINT' | 'SIGTERM';

/** Runs `work` with SIGINT and SIGTERM held; `onSignal` tells the user why we do not stop at once. */
export async function deferSignals<T>(onSignal: () => void, work: () => Promise<T>): Promise<{ value: T; signal: HeldSignal | undefined }> {
  let signal: HeldSignal | undefined;
  const hold = (received: HeldSignal) => () => {
    if (!signal) onSignal();
    signal = received;
  };
  const onInt = hold('SIGINT');
  const onTerm = hold('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return { value: await work(), signal };
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

// A spinner's frame while `active`; the timer stops when it is not.
import { useEffect, useState } from 'react';

export const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function useSpinnerFrame(active: boolean, intervalMs = 80): string {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setFrame((f) => (f + 1) % spinnerFrames.length), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return spinnerFrames[frame]!;
}

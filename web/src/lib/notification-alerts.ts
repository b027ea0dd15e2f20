// The sound and the browser notification a notification may raise, by the user's preferences.

let chimeUrl: string | null = null;

/**
 * A short two-tone chime, synthesised once into a WAV blob: nothing fetched, and the console's
 * content security policy allows blob: media.
 */
function chime(): string {
  if (chimeUrl) return chimeUrl;
  const sampleRate = 22_050;
  const tones: Array<[number, number]> = [
    [880, 0.09],
    [1320, 0.14],
  ];
  const samples = tones.flatMap(([frequency, seconds]) =>
    Array.from({ length: Math.round(sampleRate * seconds) }, (_, i) => {
      const fade = Math.min(1, i / 200, (sampleRate * seconds - i) / 400);
      return Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 0.35 * fade * 32767);
    }),
  );
  const buffer = new DataView(new ArrayBuffer(44 + samples.length * 2));
  const text = (offset: number, value: string) => [...value].forEach((char, i) => buffer.setUint8(offset + i, char.charCodeAt(0)));
  text(0, 'RIFF');
  buffer.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  buffer.setUint32(16, 16, true);
  buffer.setUint16(20, 1, true); // PCM
  buffer.setUint16(22, 1, true); // mono
  buffer.setUint32(24, sampleRate, true);
  buffer.setUint32(28, sampleRate * 2, true);
  buffer.setUint16(32, 2, true);
  buffer.setUint16(34, 16, true);
  text(36, 'data');
  buffer.setUint32(40, samples.length * 2, true);
  samples.forEach((sample, i) => buffer.setInt16(44 + i * 2, sample, true));
  chimeUrl = URL.createObjectURL(new Blob([buffer], { type: 'audio/wav' }));
  return chimeUrl;
}

/** Plays the chime; a browser that refuses autoplay before any click simply stays silent. */
export function playNotificationSound(): void {
  void new Audio(chime()).play().catch(() => {});
}

export const browserNotificationsSupported = () => typeof window !== 'undefined' && 'Notification' in window;

/** Raises a system notification if the user has allowed them; a click focuses the console and opens `onClick`. */
export function showBrowserNotification(title: string, body: string, onClick: () => void): void {
  if (!browserNotificationsSupported() || Notification.permission !== 'granted') return;
  const notification = new Notification(title, { body, tag: `parley-${title}-${body}` });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}

"use client";

import { useEffect, useState } from "react";
import QRCode from "qrcode";

/**
 * The join link as a QR code, drawn as inline SVG (crisp on a projector, no image request).
 * The SVG comes from the qrcode library and contains only paths built from `value`, which is our
 * own URL, so injecting it is safe.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    QRCode.toString(value, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
      .then((markup) => {
        if (!cancelled) setSvg(markup);
      })
      .catch(() => {
        if (!cancelled) setSvg(null);
      });
    return () => {
      cancelled = true;
    };
  }, [value]);

  return (
    <figure className="qr-code" role="img" aria-label={label}>
      {svg ? <div dangerouslySetInnerHTML={{ __html: svg }} /> : <div className="qr-placeholder" />}
    </figure>
  );
}

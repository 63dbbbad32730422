// The call dock's glyphs as inline SVG: emoji (🎙️ 🔇 📷) render as empty boxes on systems without
// an emoji font (many Linux desktops). Our own simple paths, drawn in currentColor (both themes,
// and the button's "on" colour), one em square so they follow the text's size; decorative only
// (the buttons carry an aria-label).

type TIconProps = { className?: string };

function Svg({ className, children }: TIconProps & { children: React.ReactNode }) {
  return (
    <svg
      className={`call-icon${className ? ` ${className}` : ''}`}
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function MicIcon(props: TIconProps) {
  return (
    <Svg {...props}>
      <rect x="5.5" y="1.5" width="5" height="8" rx="2.5" />
      <path d="M3.5 7.5a4.5 4.5 0 0 0 9 0M8 12v2.5M5.5 14.5h5" />
    </Svg>
  );
}

export function MicOffIcon(props: TIconProps) {
  return (
    <Svg {...props}>
      <rect x="5.5" y="1.5" width="5" height="8" rx="2.5" />
      <path d="M3.5 7.5a4.5 4.5 0 0 0 9 0M8 12v2.5M5.5 14.5h5M2 2l12 12" />
    </Svg>
  );
}

export function CameraIcon(props: TIconProps) {
  return (
    <Svg {...props}>
      <rect x="1.5" y="4" width="9" height="8" rx="1.5" />
      <path d="M10.5 7l4-2.5v7l-4-2.5z" />
    </Svg>
  );
}

export function CameraOffIcon(props: TIconProps) {
  return (
    <Svg {...props}>
      <rect x="1.5" y="4" width="9" height="8" rx="1.5" />
      <path d="M10.5 7l4-2.5v7l-4-2.5zM2 2l12 12" />
    </Svg>
  );
}

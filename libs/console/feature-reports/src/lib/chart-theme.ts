/**
 * Chart colours. SVG presentation attributes cannot read the console's CSS variables, so the few colours charts use
 * are the token values (tokens.css) repeated here, chosen to stay apart for colour-blind readers.
 */
export const CHART = {
  primary: '#3451d1',
  primarySoft: '#a9b7ef',
  secondary: '#e08a1e',
  tertiary: '#1e7444',
  danger: '#b93a2f',
  grid: '#eef0f3',
  axis: '#6b7380',
  text: '#3d444f',
} as const;

export const AXIS_TICK = { fontSize: 12, fill: CHART.axis } as const;

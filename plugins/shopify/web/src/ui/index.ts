// The only module pages import UI from (see ../../README.md, "Polaris behind the app's own components").
export { AppFrame } from './app-frame.js';
export { Page, Columns, Grid, Card, Stack, Text, Heading, Stat, Inset, type PageAction } from './layout.js';
export {
  Badge,
  Banner,
  ErrorBanner,
  Progress,
  Loading,
  InlineSpinner,
  Empty,
  type BadgeTone,
} from './feedback.js';
export {
  Button,
  Buttons,
  ExternalLink,
  SearchField,
  SelectField,
  Checkbox,
  RadioGroup,
  type Option,
} from './forms.js';
export { Table, Thumbnail, FigureTable, type Column, type Selection } from './table.js';

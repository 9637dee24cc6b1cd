import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartSummary, type ChartDay } from './chart-data.js';

/** Requests per day, successful and failed stacked (recharts; its own chunk, loaded with the overview). */
export default function UsageChart({ days }: { days: ChartDay[] }) {
  return (
    <figure className="pxp-chart" style={{ margin: 0 }} aria-label={chartSummary(days)}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tickLine={false} minTickGap={12} fontSize={12} />
          <YAxis allowDecimals={false} tickLine={false} fontSize={12} width={48} />
          <Tooltip cursor={{ fill: 'rgba(0,0,0,0.04)' }} />
          <Legend verticalAlign="top" height={28} />
          <Bar dataKey="succeeded" name="Successful" stackId="day" fill="#2c6ecb" isAnimationActive={false} />
          <Bar dataKey="errors" name="Errors" stackId="day" fill="#d72c0d" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

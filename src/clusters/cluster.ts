export interface Cluster {
  id: number;
  name: string;
  description: string | null;
  labels: Record<string, string>;
  createdAt: Date;
}

export interface Team {
  id: number;
  slug: string;
  name: string;
  createdAt: Date;
}

/** One part of the system as the health endpoint reports it. */
export interface HealthComponentDto {
  status: 'up' | 'down';
  detail?: string;
}

/** A Lavalink node as the health endpoint reports it. */
export interface LavalinkNodeHealthDto extends HealthComponentDto {
  name: string;
  players?: number;
}

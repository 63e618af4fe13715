export type ConnectionStatus = 'requested' | 'accepted' | 'declined' | 'withdrawn';
export type ConnectionSide = 'employer' | 'jobseeker';

export interface ConnectionRow {
  id: string;
  personId: string;
  employerOrgUnitId: string;
  requestedBy: string | null;
  status: ConnectionStatus;
  message: string | null;
  requestedAt: Date;
  answeredAt: Date | null;
  endedBy: ConnectionSide | null;
  endedAt: Date | null;
  /** The listing the employer asked about, as it was then: its public handle and alias. */
  profileHandle: string | null;
  profileAlias: string | null;
}

/** How the caller stands to one connection; decides every read and write on it. */
export interface ConnectionStanding {
  readonly connection: ConnectionRow;
  readonly side: ConnectionSide | 'staff' | null;
}

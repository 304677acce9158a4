import type { ReturnType, ReturnTypeId } from '../returns/return-type.js';

/**
 * Which return an agency or Marac is due to send, from which quarter and until which: GET /api/schedules
 * (a list), and what POST and PATCH answer.
 */
export interface ReturnSchedule {
  id: string;
  ownerKind: ReturnType['submittedBy'];
  agencyId: string | null;
  maracId: string | null;
  ownerName: string;
  ownerActive: boolean;
  areaCode: string;
  areaName: string;
  returnType: ReturnTypeId;
  from: string;
  /** The last quarter due, or null until further notice. */
  until: string | null;
  createdAt: string;
}

/** A Marac: GET /api/maracs (a list), GET /api/maracs/:id, and what POST and PATCH answer. */
export interface Marac {
  id: string;
  name: string;
  areaCode: string;
  areaName: string;
  active: boolean;
}

import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AREA_TYPES, codesOf, isCodeIn } from '@waymark/domain';
import type { AreaScope } from '../scope/area-scope.js';
import { AreasRepository, type AreaView } from './areas.repository.js';

@Injectable()
export class AreasService {
  constructor(private readonly areas: AreasRepository) {}

  list(scope: AreaScope, type: string | undefined) {
    if (type !== undefined && !isCodeIn(AREA_TYPES, type)) {
      throw new UnprocessableEntityException(`type must be one of ${codesOf(AREA_TYPES).join(', ')}`);
    }
    return this.areas.list(scope, type ?? null);
  }

  /** An area the caller may see; 404 both when it does not exist and when it is outside their scope. */
  async get(scope: AreaScope, code: string): Promise<AreaView> {
    const area = scope.includesArea(code) ? await this.areas.find(code) : null;
    if (!area) throw new NotFoundException(`No area ${code} that you can see`);
    return area;
  }
}

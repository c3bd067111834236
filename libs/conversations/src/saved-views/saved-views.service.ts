import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { type CreateSavedViewRequest, SAVED_VIEWS_MAX, savedViewCountCap, type SavedViewCounts, type SavedViewFilters, type SavedViewView, type UpdateSavedViewRequest } from '@backtalk/contracts';
import { DomainError, isForeignKeyViolation, isUniqueViolation } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { applyConversationFilters, readConversationSearch } from '../conversation-filters';
import { ConversationEntity } from '../entities';
import { canEditView, cleanViewName, isInSidebar, normalizeFilters } from './saved-view-rules';
import { SavedViewEntity } from './saved-view.entity';

const toView = (actor: UserActor, view: SavedViewEntity): SavedViewView => ({
  id: view.id,
  name: view.name,
  filters: view.filters,
  teamId: view.teamId,
  ownerId: view.ownerId,
  editable: canEditView(actor, view),
  createdAt: view.createdAt.toISOString(),
  updatedAt: view.updatedAt.toISOString(),
});

/** Saved views of the inbox: a person's own and their teams' shared ones, in the order each person keeps. */
@Injectable()
export class SavedViewsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The actor's sidebar: in their own order, views they never placed after the rest, oldest first. */
  async list(actor: UserActor): Promise<SavedViewView[]> {
    return (await this.sidebar(actor, this.dataSource.manager)).map((view) => toView(actor, view));
  }

  async create(actor: UserActor, request: CreateSavedViewRequest): Promise<SavedViewView> {
    const teamId = request.teamId ?? null;
    if (teamId !== null && !AccessPolicy.canManageTeam(actor, teamId)) throw DomainError.forbidden('Only admins and the team’s supervisors share views with a team');
    const filters = this.checkedFilters(request.filters);
    const name = cleanViewName(request.name);
    return this.saving(name, () =>
      this.dataSource.transaction(async (manager) => {
        // Counted under a lock on the person's row so that two saves at once cannot both pass the limit.
        await manager.query(`SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE`, [actor.userId]);
        if ((await this.sidebar(actor, manager)).length >= SAVED_VIEWS_MAX) {
          throw DomainError.conflict(`A sidebar holds at most ${SAVED_VIEWS_MAX} views; delete one you no longer use first`);
        }
        const repository = manager.getRepository(SavedViewEntity);
        return toView(actor, await repository.save(repository.create({ ownerId: actor.userId, teamId, name, filters })));
      }),
    );
  }

  async update(actor: UserActor, id: string, changes: UpdateSavedViewRequest): Promise<SavedViewView> {
    const view = await this.findEditable(actor, id);
    const name = changes.name !== undefined ? cleanViewName(changes.name) : view.name;
    const filters = changes.filters !== undefined ? this.checkedFilters(changes.filters) : view.filters;
    return this.saving(name, async () => {
      const repository = this.dataSource.getRepository(SavedViewEntity);
      await repository.update({ id }, { name, filters });
      return toView(actor, await repository.findOneByOrFail({ id }));
    });
  }

  /** Gone from every sidebar it was in; the positions go with it. */
  async remove(actor: UserActor, id: string): Promise<void> {
    await this.findEditable(actor, id);
    await this.dataSource.getRepository(SavedViewEntity).delete({ id });
  }

  /** Sets the actor's own order; every id must be a view of their sidebar. */
  async order(actor: UserActor, ids: readonly string[]): Promise<SavedViewView[]> {
    const unique = [...new Set(ids)];
    await this.dataSource.transaction(async (manager) => {
      const sidebar = new Set((await this.sidebar(actor, manager)).map((view) => view.id));
      if (unique.some((id) => !sidebar.has(id))) throw DomainError.notFound('View');
      await manager.query(`DELETE FROM saved_view_position WHERE user_id = $1`, [actor.userId]);
      if (unique.length > 0) {
        await manager.query(`INSERT INTO saved_view_position (user_id, view_id, position) SELECT $1, id, ordinality - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ordinality)`, [
          actor.userId,
          unique,
        ]);
      }
    });
    return this.list(actor);
  }

  /**
   * How many conversations each view of the sidebar shows the actor, within the access rule. Counting stops at
   * SAVED_VIEW_COUNT_CAP, so a view of every resolved conversation costs no more than reading that many index rows,
   * and at the lower SAVED_VIEW_SEARCH_COUNT_CAP for a search, which reads a customer's messages for each row.
   */
  async counts(actor: UserActor): Promise<SavedViewCounts> {
    const views = await this.sidebar(actor, this.dataSource.manager);
    const counts = await Promise.all(views.map((view) => this.count(actor, view.filters)));
    return Object.fromEntries(views.map((view, index) => [view.id, counts[index]]));
  }

  private async count(actor: UserActor, filters: SavedViewFilters): Promise<number> {
    const matching = this.dataSource.createQueryBuilder(ConversationEntity, 'c').select('1').limit(savedViewCountCap(filters));
    const search = await readConversationSearch(this.dataSource, actor, filters.q);
    if (search) matching.innerJoin('contact', 'ct', 'ct.id = c.contact_id');
    AccessPolicy.scopeToVisibleConversations(matching, 'c', actor);
    applyConversationFilters(matching, actor, filters, search);
    // A common word is counted the way the list finds it, newest activity first, which reaches the cap after a few
    // hundred conversations; left to itself PostgreSQL first reads every message holding the word (half a second).
    if (search && !search.matches) matching.orderBy('c.last_message_at', 'DESC');
    const [sql, parameters] = matching.getQueryAndParameters();
    const [row] = await this.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM (${sql}) matching`, parameters);
    return row?.n ?? 0;
  }

  private sidebar(actor: UserActor, manager: EntityManager): Promise<SavedViewEntity[]> {
    return manager
      .getRepository(SavedViewEntity)
      .createQueryBuilder('v')
      .leftJoin('saved_view_position', 'p', 'p.view_id = v.id AND p.user_id = :me', { me: actor.userId })
      .where(
        new Brackets((sidebar) => {
          sidebar.where('v.team_id IS NULL AND v.owner_id = :me');
          if (actor.teamIds.length > 0) sidebar.orWhere('v.team_id IN (:...memberOf)', { memberOf: actor.teamIds });
        }),
      )
      .orderBy('p.position', 'ASC', 'NULLS LAST')
      .addOrderBy('v.created_at', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .getMany();
  }

  /** Not in the sidebar (another person's, another team's): not found. In it but not the actor's to change: forbidden. */
  private async findEditable(actor: UserActor, id: string): Promise<SavedViewEntity> {
    const view = await this.dataSource.getRepository(SavedViewEntity).findOneBy({ id });
    const reachable = view && (isInSidebar(actor, view) || (view.teamId !== null && AccessPolicy.canManageTeam(actor, view.teamId)));
    if (!view || !reachable) throw DomainError.notFound('View');
    if (!canEditView(actor, view)) throw DomainError.forbidden('Only admins and the team’s supervisors change the views shared with it');
    return view;
  }

  private checkedFilters(filters: SavedViewFilters): SavedViewFilters {
    if (filters.view === 'team' && !filters.teamId) throw DomainError.validation('Pick the team this view shows', [{ field: 'filters.teamId', messages: ['is required for the team view'] }]);
    return normalizeFilters(filters);
  }

  private async saving<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict(`There is already a view named “${name}” here`, [{ field: 'name', messages: ['is already used'] }]);
      if (isForeignKeyViolation(error)) throw DomainError.validation('That team does not exist', [{ field: 'teamId', messages: ['must be an existing team'] }]);
      throw error;
    }
  }
}

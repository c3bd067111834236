import { CsatSurveyService } from '@backtalk/csat';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AssignmentService } from './assignment.service';

/** A conversation a low survey score reopens goes to a supervisor of its team, chosen like any assignment: by routing. */
@Injectable()
export class CsatEscalation implements OnModuleInit {
  constructor(
    private readonly csat: CsatSurveyService,
    private readonly assignment: AssignmentService,
  ) {}

  onModuleInit(): void {
    this.csat.useSupervisorEscalation((manager, conversation, reason) => this.assignment.escalateToSupervisor(manager, conversation, reason));
  }
}

"""Stack operations at AWS's pace: when each event of an operation happens, for the cloudformation patch.

The cloudformation patch does an operation's work at once (moto makes everything when the call comes in) and writes
its events in the order CloudFormation would. Under pace (Settings.pace > 0) a StackTimeline collects those events
as they are written, grouped into the phases the stack events open (CREATE_IN_PROGRESS, ROLLBACK_IN_PROGRESS,
UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, ...). When the work is done the patch seals it, and every event gets its time:

  * within a phase, a resource starts when the resources it depends on (Ref, Fn::GetAtt, Fn::Sub, DependsOn) that
    the phase also touches have ended, and lasts pace.resource_seconds(type, action) (a deletion waits instead for
    the resources that depend on it); its *_IN_PROGRESS events are at its start, the others at its end;
  * a phase ends with its longest chain, or at the end of the resource that failed in it (events of resources still
    running are cut there); the next phase starts where it ended; the operation ends with its last phase;
  * times are real time from the operation's start, the unscaled seconds multiplied by the scale.

DescribeStacks, DescribeStackEvents and the resource listings then show only what has happened by now
(cloudformation.py asks visible(), status_at(), resource_status(), visible_resources()). A nested stack's own
operation (moto runs it inside its parent's) is a child timeline: its critical path is the nested resource's
duration, and once the parent is sealed it is moved to start where the parent's model starts that resource. ECS
services the stack makes are moved the same way (their rollouts are pace.Span objects in the PaceLog).
"""
import collections
import datetime
import time

from .. import pace

FAILED = ('CREATE_FAILED', 'UPDATE_FAILED')
GONE = ('DELETE_COMPLETE', 'DELETE_SKIPPED')
REPLACING = 'Requested update requires the creation of a new physical resource; hence creating one.'


def utc(epoch):
    """An event timestamp as moto keeps them: a naive UTC datetime."""
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).replace(tzinfo=None)


class Phase:
    """The events between two stack events: what CloudFormation does while the stack shows `status`."""

    def __init__(self, event):
        self.event, self.status, self.reason = event, event.resource_status, event.resource_status_reason
        self.events = []            # resource events, as written
        self.start = self.length = 0.0
        self.times, self.chain, self.actions, self.types = {}, [], {}, {}

    def resources(self):
        """{logical id: (type, [statuses], [reasons])} in the order they first appear."""
        out = collections.OrderedDict()
        for event in self.events:
            _, statuses, reasons = out.setdefault(event.logical_resource_id, (event.resource_type, [], []))
            statuses.append(event.resource_status)
            reasons.append(event.resource_status_reason)
        return out


def action_of(statuses, reasons):
    """What happens to a resource in a phase: DELETE, CREATE (a replacement too) or UPDATE."""
    if any(s.startswith('DELETE') for s in statuses):
        return 'DELETE'
    if any(s.startswith('CREATE') for s in statuses) or REPLACING in reasons:
        return 'CREATE'
    return 'UPDATE'


def resource_statuses(stack):
    """{logical id: status of its latest event} over the stack's events so far (stack events left out)."""
    out = {}
    for event in sorted(stack.events, key=lambda e: e.timestamp):
        if not is_stack_event(stack, event):
            out[event.logical_resource_id] = event.resource_status
    return out


def is_stack_event(stack, event):
    return event.resource_type == 'AWS::CloudFormation::Stack' and event.physical_resource_id == stack.stack_id


class StackTimeline:
    """One stack operation under pace. `depends` is {logical id: ids it depends on} over the templates involved;
    `existing` the logical ids the stack had before the operation (listed throughout, with the status they had)."""

    def __init__(self, stack, operation, depends, existing, scale, nested_in=None):
        self.stack_id, self.stack_name, self.operation = stack.stack_id, stack.name, operation
        self.depends, self.existing, self.scale = depends, set(existing), scale
        self.started = time.time()
        self.nested_in = nested_in          # (parent StackTimeline, logical id) of a nested stack's operation
        self.before = resource_statuses(stack)   # each resource's status when the operation began
        self.phases = []
        self.resource_events = set()        # ids of the resource events noted
        self.offsets = []                   # [event, unscaled seconds from the start] of every event, once sealed
        self.removed = {}                   # logical id -> moto resource the operation deleted
        self.children = collections.defaultdict(list)   # logical id -> [(phase index, child StackTimeline)]
        self.spans = []                     # rollouts of ECS services moved onto this timeline
        self.sealed, self.total, self.cut_at, self.record = False, 0.0, None, None
        self.final = None                   # the final stack event, once the operation has ended
        self.shown = (None, {})             # (moment, {logical id: status}) last computed by statuses()

    # ------------------------------------------------------------------ while the work is done
    def open_phase(self, event):
        self.phases.append(Phase(event))

    def note(self, event):
        if self.phases:
            self.phases[-1].events.append(event)
            self.resource_events.add(id(event))

    def current(self):
        """The last resource event written: (logical id, type, status), or None."""
        last = self.phases[-1].events[-1] if self.phases and self.phases[-1].events else None
        return None if last is None else (last.logical_resource_id, last.resource_type, last.resource_status)

    def adopt(self, lid, child):
        """A nested stack's operation, run while this one works on the resource `lid`."""
        self.children[lid].append((len(self.phases) - 1, child))

    # ------------------------------------------------------------------ sealing
    def seal(self, seconds_of):
        """The work is done: every phase scheduled, every event timed. `seconds_of(timeline, phase index, lid, type,
        action)` gives a resource's unscaled duration."""
        offset = 0.0
        for index, phase in enumerate(self.phases):
            self.schedule_phase(index, phase, seconds_of)
            phase.start = offset
            self.offsets.append([phase.event, offset])
            for event in phase.events:
                start, end = phase.times.get(event.logical_resource_id, (0.0, 0.0))
                at = start if event.resource_status.endswith('_IN_PROGRESS') else end
                self.offsets.append([event, offset + min(at, phase.length)])
            offset += phase.length
        self.total, self.sealed = offset, True
        self.stamp()

    def schedule_phase(self, index, phase, seconds_of):
        """Start and end of each resource of a phase, its length and its critical chain."""
        resources = phase.resources()
        seconds, failed = {}, None
        for lid, (resource_type, statuses, reasons) in resources.items():
            action = phase.actions[lid] = action_of(statuses, reasons)
            phase.types[lid] = resource_type
            # A deletion that never started (nothing was made, or the policy retains it) takes no time.
            started = action != 'DELETE' or 'DELETE_IN_PROGRESS' in statuses
            seconds[lid] = seconds_of(self, index, lid, resource_type, action) if started else 0.0
            if failed is None and any(s in FAILED for s in statuses):
                failed = lid
        deps = self.phase_dependencies(phase.actions)
        phase.times = pace.schedule(resources, deps, seconds)
        phase.length = phase.times[failed][1] if failed else max((e for _, e in phase.times.values()), default=0.0)
        phase.chain = [(lid, resources[lid][0], phase.actions[lid], seconds[lid], phase.times[lid][0])
                       for lid in pace.critical_chain(phase.times, deps, last=failed)]

    def phase_dependencies(self, actions):
        """Creations and updates wait for what they depend on; deletions for what depends on them."""
        forward = {lid for lid, action in actions.items() if action != 'DELETE'}
        deletes = {lid for lid, action in actions.items() if action == 'DELETE'}
        deps = {lid: set(self.depends.get(lid, ())) & forward for lid in forward}
        for lid in deletes:
            deps[lid] = set()
        for user in deletes:
            for used in set(self.depends.get(user, ())) & deletes:
                deps[used].add(user)
        return deps

    def start_of(self, phase_index, lid):
        """Unscaled seconds from the operation's start to the start of `lid` in that phase."""
        phase = self.phases[phase_index]
        return phase.start + phase.times.get(lid, (0.0, 0.0))[0]

    # ------------------------------------------------------------------ real time
    @property
    def ended_at(self):
        end = self.started + self.total * self.scale
        return end if self.cut_at is None else min(end, self.cut_at)

    def at(self, offset):
        moment = self.started + offset * self.scale
        return moment if self.cut_at is None else min(moment, self.cut_at)

    def stamp(self):
        """Each event's time (`_berth_at`, and the Timestamp DescribeStackEvents shows)."""
        self.shown = (None, {})
        for event, offset in self.offsets:
            event._berth_at = self.at(offset)
            event.timestamp = utc(event._berth_at)
        if self.final is not None:
            self.stamp_final(self.final)

    def stamp_final(self, event):
        self.final = event
        event._berth_at = self.ended_at
        event.timestamp = utc(event._berth_at)

    def shift(self, delta):
        """Moves the whole operation (its children and rollouts too) by `delta` seconds of real time."""
        self.started += delta
        if self.record is not None:
            self.record.span.start = self.started
        for span in self.spans:
            span.start += delta
        for children in self.children.values():
            for _, child in children:
                child.shift(delta)
        self.stamp()

    def cut(self, now):
        """The operation ends now (DeleteStack during a create): what it had still to do happens at once."""
        self.cut_at = now
        if self.record is not None:
            self.record.span.seconds = max(0.0, (now - self.started) / self.scale)
        self.stamp()

    # ------------------------------------------------------------------ what shows by now
    @staticmethod
    def visible(event, now):
        at = getattr(event, '_berth_at', None)
        return at is None or at <= now

    def status_at(self, now):
        """(StackStatus, StackStatusReason) while the operation runs: those of the phase under way."""
        shown = self.phases[0] if self.phases else None
        for phase in self.phases:
            if self.at(phase.start) <= now:
                shown = phase
        return (shown.status, shown.reason) if shown else (None, None)

    def statuses(self, now):
        """{logical id: status of its latest event by now in this operation} (computed once per millisecond: a
        listing asks for each of its resources)."""
        moment = round(now, 3)
        if self.shown[0] != moment:
            latest = {}
            for event, _ in sorted(self.offsets, key=lambda item: item[0]._berth_at):
                if id(event) in self.resource_events and self.visible(event, now):
                    latest[event.logical_resource_id] = event.resource_status
            self.shown = (moment, latest)
        return self.shown[1]

    def resource_status(self, lid, now):
        """The resource's status by now: its latest event's in this operation, else the one it had before."""
        return self.statuses(now).get(lid) or self.before.get(lid)

    def visible_resources(self, made, now):
        """The stack's resources as listed by now: those made that existed before or have started, and those the
        operation deleted until their deletion shows."""
        out, listed, started = [], set(), self.statuses(now)
        for resource in made:
            lid = getattr(resource, 'logical_resource_id', None)
            listed.add(lid)
            if lid in self.existing or lid in started:
                out.append(resource)
        for lid, resource in self.removed.items():
            if lid not in listed and started.get(lid) not in GONE:
                out.append(resource)
        return out

    # ------------------------------------------------------------------ the record
    def make_record(self, final_status):
        """What GET /_berth/pace/state shows for this operation."""
        phases = [{'status': p.status, 'seconds': round(p.length, 3)} for p in self.phases]
        chain = [{'logicalId': lid, 'type': resource_type, 'action': action, 'seconds': round(seconds, 3),
                  'start': round(phase.start + start, 3)}
                 for phase in self.phases for lid, resource_type, action, seconds, start in phase.chain]
        nested = None
        if self.nested_in is not None:
            parent, lid = self.nested_in
            nested = {'stack': parent.stack_name, 'logicalId': lid}
        self.record = pace.StackRecord(self.stack_name, self.stack_id, self.operation,
                                       pace.Span(self.total, self.scale, self.started), final_status, phases, chain,
                                       nested)
        return self.record

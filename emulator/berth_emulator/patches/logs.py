"""CloudWatch Logs FilterLogEvents (patch 'logs-filter'): logStreamNamePrefix, logStreamNames and
logGroupIdentifier as the API reference describes them, events always interleaved by time.

moto alone: logStreamNamePrefix and logGroupIdentifier were ignored (a prefix returned every stream's
events), and events came stream after stream unless the caller asked for interleaving.
docs/ecs-efs-logs.md lists each behaviour, the AWS text it follows, and its limits.
"""
import json

from .base import Patch, require, wrap


class LogsPatch(Patch):
    name = 'logs-filter'
    prefix = 'logs'

    def install(self):
        from moto.logs import exceptions, models, responses
        require(self.name, responses.LogsResponse, 'filter_log_events', 'logs_backend', '_get_param')
        require(self.name, exceptions, 'InvalidParameterException', 'ResourceNotFoundException')
        require(self.name, models.LogsBackend, params=[('filter_log_events', [
            'log_group_name', 'log_stream_names', 'start_time', 'end_time', 'limit', 'next_token', 'filter_pattern',
            'interleaved'])])
        require(self.name, models.LogsBackend('us-east-1', '000000000000'), 'groups')
        self.exceptions = exceptions
        wrap(responses.LogsResponse, 'filter_log_events', lambda _old, response: self.filter_log_events(response))

    def filter_log_events(self, response):
        """FilterLogEvents, read from the request as the API reference documents its parameters."""
        param = response._get_param
        group = self.group_name(param('logGroupName'), param('logGroupIdentifier'))
        streams = self.stream_names(response.logs_backend, group, param('logStreamNames'), param('logStreamNamePrefix'))
        if streams == []:
            return json.dumps({'events': [], 'searchedLogStreams': []})
        # interleaved: "As of June 17, 2019, this parameter is ignored and the value is assumed to be true."
        events, token, searched = response.logs_backend.filter_log_events(
            group, streams or [], param('startTime'), param('endTime'), param('limit'), param('nextToken'),
            param('filterPattern'), True)
        return json.dumps({'events': events, 'nextToken': token, 'searchedLogStreams': searched})

    def group_name(self, name, identifier):
        """logGroupName / logGroupIdentifier: "You must include either logGroupIdentifier or logGroupName, but
        not both." The identifier is "either the name or ARN of the log group" (arn:...:log-group:NAME[:*])."""
        if name and identifier:
            raise self.exceptions.InvalidParameterException(
                'LogGroup name and LogGroup identifier are mutually exclusive parameters.')
        if not name and not identifier:
            raise self.exceptions.InvalidParameterException(
                'Either logGroupName or logGroupIdentifier must be specified.')
        if identifier and ':log-group:' in identifier:
            return identifier.split(':log-group:', 1)[1].removesuffix(':*')
        return name or identifier

    def stream_names(self, backend, group, names, prefix):
        """The streams to search: logStreamNames as given; for logStreamNamePrefix "only events from log
        streams that have names starting with this prefix" ([] when none has); None for every stream. Both:
        "If you specify a value for both logStreamNamePrefix and logStreamNames, the action returns an
        InvalidParameterException error." """
        if names and prefix is not None:
            raise self.exceptions.InvalidParameterException(
                'Cannot specify both logStreamNames and logStreamNamePrefix.')
        if prefix is None:
            return names or None
        log_group = backend.groups.get(group)
        if log_group is None:
            raise self.exceptions.ResourceNotFoundException()
        return sorted(name for name in log_group.streams if name.startswith(prefix))

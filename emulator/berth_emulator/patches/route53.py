"""Route 53 records (patch 'route53-records'): record names stay inside their hosted zone, stacks cannot create a
record that exists, names come back fully qualified, ListHostedZonesByName lists as Route 53 sorts, and an alias
to a load balancer gets the load balancer's real canonical hosted zone.

moto alone:
  * ChangeResourceRecordSets accepted any name that merely ended with the zone's text (`www.badexample.com` in
    zone `example.com`), and an AWS::Route53::RecordSet in a stack was not checked at all;
  * a stack's RecordSet was stored under its Name as written (without the trailing dot, when the template had
    none) and could be created twice with the same name and type;
  * every SOA record listed its value as the repr of a dict (`{'Value': 'ns-2048...'}`);
  * ListHostedZonesByName with a DNSName listed only zones of exactly that name, ignoring MaxItems;
  * `!GetAtt LoadBalancer.CanonicalHostedZoneID` was not implemented (the RecordSet's AliasTarget.HostedZoneId
    stayed an unresolved `Fn::GetAtt`), and DescribeLoadBalancers gave every load balancer `Z2P70J7EXAMPLE`.
docs/acm.md lists each behaviour, the AWS text it follows, and its limits.
"""
import uuid

from .base import Patch, require, wrap

# Route 53 hosted zone of Application (and Classic) and of Network Load Balancers by region, for alias records:
# AWS General Reference, "Elastic Load Balancing endpoints and quotas" (the Route 53 Hosted Zone ID columns).
ALB_ZONES = {
    'af-south-1': 'Z268VQBMOI5EKX', 'ap-east-1': 'Z3DQVH9N71FHZ0', 'ap-northeast-1': 'Z14GRHDCWA56QT',
    'ap-northeast-2': 'ZWKZPGTI48KDX', 'ap-northeast-3': 'Z5LXEXXYW11ES', 'ap-south-1': 'ZP97RAFLXTNZK',
    'ap-south-2': 'Z0173938T07WNTVAEPZN', 'ap-southeast-1': 'Z1LMS91P8CMLE5', 'ap-southeast-2': 'Z1GM3OXH4ZPM65',
    'ap-southeast-3': 'Z08888821HLRG5A9ZRTER', 'ca-central-1': 'ZQSVJUPU6J1EY', 'eu-central-1': 'Z215JYRZR1TBD5',
    'eu-central-2': 'Z06391101F2ZOEP8P5EB3', 'eu-north-1': 'Z23TAZ6LKFMNIO', 'eu-south-1': 'Z3ULH7SSC9OV64',
    'eu-south-2': 'Z0956581394HF5D5LXGAP', 'eu-west-1': 'Z32O12XQLNTSW2', 'eu-west-2': 'ZHURV8PSTC4K8',
    'eu-west-3': 'Z3Q77PNBQS71R4', 'me-central-1': 'Z08230872XQRWHG2XF6I', 'me-south-1': 'ZS929ML54UICD',
    'sa-east-1': 'Z2P70J7HTTTPLU', 'us-east-1': 'Z35SXDOTRQ7X7K', 'us-east-2': 'Z3AADJGX6KTTL2',
    'us-west-1': 'Z368ELLRRE2KJ0', 'us-west-2': 'Z1H1FL5HABSF5',
}
NLB_ZONES = {
    'af-south-1': 'Z203XCE67M25HM', 'ap-east-1': 'Z12Y7K3UBGUAD1', 'ap-northeast-1': 'Z31USIVHYNEOWT',
    'ap-northeast-2': 'ZIBE1TIR4HY56', 'ap-northeast-3': 'Z1GWIQ4HH19I5X', 'ap-south-1': 'ZVDDRBQ08TROA',
    'ap-south-2': 'Z0711778386UTO08407HT', 'ap-southeast-1': 'ZKVM4W9LS7TM', 'ap-southeast-2': 'ZCT6FZBF4DROD',
    'ap-southeast-3': 'Z01971771FYVNCOVWJU1G', 'ca-central-1': 'Z2EPGBW3API2WT', 'eu-central-1': 'Z3F0SRJ5LGBH90',
    'eu-central-2': 'Z02239872DOALSIDCX66S', 'eu-north-1': 'Z1UDT6IFJ4EJM', 'eu-south-1': 'Z23146JA1KNAFP',
    'eu-south-2': 'Z1011216NVTVYADP1SSV', 'eu-west-1': 'Z2IFOLAFXWLO4F', 'eu-west-2': 'ZD4D7Y8KGAS4G',
    'eu-west-3': 'Z1CMS0P5QUZ6D5', 'me-central-1': 'Z00282643NTTLPANJJG2P', 'me-south-1': 'Z3QSRYVP46NYYV',
    'sa-east-1': 'ZTK26PT1VY4CU', 'us-east-1': 'Z26RNL4JYFTOTI', 'us-east-2': 'ZLMOA37VPKANP',
    'us-west-1': 'Z24FKFUX50B4VW', 'us-west-2': 'Z18D5FSROUN65G',
}


# =========================================================================== names (also used by the ACM patch)
def fqdn(name):
    """A DNS name as Route 53 returns it: fully qualified, with the trailing dot."""
    name = str(name or '')
    return name if name.endswith('.') else name + '.'


def same_name(a, b):
    """DNS names compare without regard to case or the trailing dot."""
    return fqdn(a).lower() == fqdn(b).lower()


def within_zone(name, zone_name):
    """A record belongs in a zone when its name is the zone's name or ends with `.<zone name>` (whole labels)."""
    name, zone = fqdn(name).lower(), fqdn(zone_name).lower()
    return name == zone or name.endswith('.' + zone)


def record_values(record_set):
    """The values of a moto RecordSet, as text (moto keeps some as {'Value': ...})."""
    return [v.get('Value') if isinstance(v, dict) else v for v in (record_set.records or [])]


def reverse_labels(name):
    """The key ListHostedZonesByName sorts by: "sorts hosted zones by name with the labels reversed"."""
    return '.'.join(reversed(fqdn(name).lower().rstrip('.').split('.')))


def service_error(error, status=400):
    """How a CloudFormation resource's status reason quotes a service's refusal."""
    return (f'{getattr(error, "message", None) or error} (Service: AmazonRoute53; Status Code: {status}; '
            f'Error Code: {getattr(error, "code", type(error).__name__)}; Request ID: {uuid.uuid4()}; Proxy: null)')


def invalid_change_batch(exceptions, messages):
    """InvalidChangeBatch (400): Route 53 lists every problem of the batch in brackets."""
    return exceptions.Route53ClientError('InvalidChangeBatch', '[' + ', '.join(messages) + ']')


def not_permitted(name, zone_name):
    return f'RRSet with DNS name {fqdn(name)} is not permitted in zone {fqdn(zone_name)}'


class Route53Patch(Patch):
    name = 'route53-records'
    prefix = 'route53'

    def install(self):
        from moto.elbv2 import models as elbv2
        from moto.route53 import exceptions, models, responses
        require(self.name, models, 'FakeZone', 'RecordSet', 'Route53Backend', 'route53_backends')
        require(self.name, models.FakeZone, 'add_rrset', 'upsert_rrset')
        require(self.name, models.RecordSet, 'create_from_cloudformation_json')
        require(self.name, models.Route53Backend, 'get_hosted_zone', 'get_hosted_zone_by_name',
                params=[('change_resource_record_sets', ['zoneid', 'change_list'])])
        require(self.name, models.Route53Backend('us-east-1', '000000000000'), 'zones')
        require(self.name, exceptions, 'Route53ClientError')
        require(self.name, responses.Route53, 'list_hosted_zones_by_name', '_get_param', '_get_int_param', 'backend')
        require(self.name, elbv2, 'FakeLoadBalancer', 'ELBv2Backend')
        require(self.name, elbv2.FakeLoadBalancer, 'get_cfn_attribute')
        require(self.name, elbv2.ELBv2Backend, params=[('create_load_balancer', ['name', 'loadbalancer_type'])])
        self.models, self.exceptions = models, exceptions
        wrap(models.FakeZone, 'add_rrset', self.normalized_rrset)
        wrap(models.FakeZone, 'upsert_rrset', self.normalized_rrset)
        wrap(models.Route53Backend, 'change_resource_record_sets', self.change_resource_record_sets)
        wrap(models.RecordSet, 'create_from_cloudformation_json', self.create_record_set)
        wrap(responses.Route53, 'list_hosted_zones_by_name',
             lambda _old, response: self.list_hosted_zones_by_name(response))
        wrap(elbv2.ELBv2Backend, 'create_load_balancer', self.create_load_balancer)
        wrap(elbv2.FakeLoadBalancer, 'get_cfn_attribute', self.load_balancer_attribute)

    # ------------------------------------------------------------------ records
    @staticmethod
    def normalized_rrset(old, zone, record_set):
        """Every record set as Route 53 keeps it: its Name and an alias's DNSName fully qualified (the API path
        added the dot, a stack's RecordSet did not), values as text (moto's SOA kept a dict)."""
        record_set = dict(record_set)
        record_set['Name'] = fqdn(record_set.get('Name'))
        if isinstance(record_set.get('ResourceRecords'), list):
            record_set['ResourceRecords'] = [v.get('Value') if isinstance(v, dict) else v
                                             for v in record_set['ResourceRecords']]
        alias = record_set.get('AliasTarget')
        if isinstance(alias, dict) and alias.get('DNSName'):
            record_set['AliasTarget'] = dict(alias, DNSName=fqdn(alias['DNSName']))
        return old(zone, record_set)

    def change_resource_record_sets(self, old, backend, zoneid, change_list):
        """ChangeResourceRecordSets: a record's name must be the zone's name or a name under it, label by label.
        InvalidChangeBatch (400) "[RRSet with DNS name www.other.com. is not permitted in zone example.com.]",
        nothing of the batch applied (moto compared text suffixes, so www.badexample.com passed in example.com)."""
        zone = backend.get_hosted_zone(zoneid)
        wrong = [not_permitted(change['ResourceRecordSet'].get('Name'), zone.name) for change in change_list or []
                 if not within_zone(change.get('ResourceRecordSet', {}).get('Name'), zone.name)]
        if wrong:
            raise invalid_change_batch(self.exceptions, wrong)
        return old(backend, zoneid, change_list)

    def create_record_set(self, old, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        """AWS::Route53::RecordSet: CloudFormation changes the zone as ChangeResourceRecordSets with CREATE does, so
        a name outside the zone, or a name and type (and SetIdentifier) that the zone already has, fails the
        resource with Route 53's InvalidChangeBatch reason: "[Tried to create resource record set
        [name='www.example.com.', type='A'] but it already exists]"."""
        from moto.utilities.utils import get_partition
        properties = cloudformation_json['Properties']
        backend = self.models.route53_backends[account_id][get_partition(region_name)]
        zone_name = properties.get('HostedZoneName')
        zone = backend.get_hosted_zone_by_name(fqdn(zone_name)) if zone_name else None
        if zone is None and properties.get('HostedZoneId'):
            zone = backend.get_hosted_zone(properties['HostedZoneId'])
        if zone is not None:
            name = fqdn(properties.get('Name'))
            if not within_zone(name, zone.name):
                raise invalid_change_batch(self.exceptions, [not_permitted(name, zone.name)])
            if any(same_name(r.name, name) and r.type == properties.get('Type')
                   and r.set_identifier == properties.get('SetIdentifier') for r in list(zone.rrsets)):
                raise invalid_change_batch(self.exceptions, [
                    f"Tried to create resource record set [name='{name}', type='{properties.get('Type')}'] but it "
                    'already exists'])
            properties['Name'] = name
        return old(resource_name, cloudformation_json, account_id, region_name, **kwargs)

    # ------------------------------------------------------------------ zones
    def list_hosted_zones_by_name(self, response):
        """ListHostedZonesByName: "sorts hosted zones by name with the labels reversed"; with DNSName "the list
        begins with the first hosted zone whose name is greater than or equal to" it (so zones of other names
        follow), at most MaxItems (default 100), with IsTruncated, NextDNSName and NextHostedZoneId. moto listed
        only the zones of exactly that name."""
        dns_name = response._get_param('DNSName')
        start_id = response._get_param('HostedZoneId')
        max_items = response._get_int_param('MaxItems', 100)
        zones = sorted(response.backend.zones.values(), key=lambda z: (reverse_labels(z.name), z.resource_id))
        if dns_name:
            start = (reverse_labels(dns_name), (start_id or '').replace('/hostedzone/', ''))
            zones = [z for z in zones if (reverse_labels(z.name), z.resource_id) >= start]
        page, rest = zones[:max_items], zones[max_items:]
        from moto.core.responses import ActionResult
        result = {'HostedZones': page, 'IsTruncated': bool(rest), 'MaxItems': str(max_items)}
        if dns_name:
            result['DNSName'] = fqdn(dns_name)
        if start_id:
            result['HostedZoneId'] = start_id
        if rest:
            result['NextDNSName'], result['NextHostedZoneId'] = rest[0].name, rest[0].resource_id
        return ActionResult(result)

    # ------------------------------------------------------------------ alias targets
    @staticmethod
    def create_load_balancer(old, backend, *args, **kwargs):
        """A load balancer's CanonicalHostedZoneId is its region's (per type), as the General Reference lists
        them; moto gave every one Z2P70J7EXAMPLE."""
        balancer = old(backend, *args, **kwargs)
        table = NLB_ZONES if balancer.type == 'network' else ALB_ZONES
        if backend.region_name in table:
            balancer.canonical_hosted_zone_id = table[backend.region_name]
        return balancer

    @staticmethod
    def load_balancer_attribute(old, balancer, name):
        """CanonicalHostedZoneID: "The ID of the Amazon Route 53 hosted zone associated with the load balancer",
        what an alias record's AliasTarget.HostedZoneId takes."""
        if name == 'CanonicalHostedZoneID':
            return balancer.canonical_hosted_zone_id
        return old(balancer, name)

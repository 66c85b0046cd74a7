"""ACM DNS validation, AWS::CertificateManager::Certificate in stacks, and the Route 53 records around them
(patches acm-certificates and route53-records), with boto3 against the running emulator."""
import re

import botocore.exceptions
import pytest

FAST = {'Delay': 0, 'MaxAttempts': 20}
RECORD_NAME = re.compile(r'^_[0-9a-f]{32}\.(?P<domain>[a-z0-9.-]+)\.$')
RECORD_VALUE = re.compile(r'^_[0-9a-f]{32}\.[a-z]{10}\.acm-validations\.aws\.$')
ALB_ZONE_US_EAST_1 = 'Z35SXDOTRQ7X7K'


def site_template(domain, zone_id=None, validation='DNS', tags='web', record_zone=None, record_name=None):
    """A VPC, an ALB with an HTTPS listener serving the stack's certificate, and an alias record to the ALB
    (as Berth's infra stack declares them); `zone_id=None` leaves DomainValidationOptions out."""
    options = f"""
      DomainValidationOptions:
        - DomainName: {domain}
          HostedZoneId: {zone_id}""" if zone_id else ''
    record = f"""
  DomainRecord:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: {record_zone or zone_id}
      Name: {record_name or domain + '.'}
      Type: A
      AliasTarget:
        DNSName: !GetAtt LoadBalancer.DNSName
        HostedZoneId: !GetAtt LoadBalancer.CanonicalHostedZoneID
        EvaluateTargetHealth: false""" if (record_zone or zone_id) else ''
    return f"""AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: us-east-1a
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
      AvailabilityZone: us-east-1b
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref SubnetA, !Ref SubnetB]
  TargetGroup:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 80
      Protocol: HTTP
      TargetType: ip
      VpcId: !Ref Vpc
  Certificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: {domain}
      ValidationMethod: {validation}{options}
      Tags:
        - Key: berth:service
          Value: {tags}
  HttpsListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LoadBalancer
      Port: 443
      Protocol: HTTPS
      Certificates:
        - CertificateArn: !Ref Certificate
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TargetGroup{record}
Outputs:
  CertificateArn:
    Value: !Ref Certificate
"""


def settle(cfn, name):
    for _ in range(20):
        found = cfn.describe_stacks(StackName=name)['Stacks'][0]
        if not found['StackStatus'].endswith('_IN_PROGRESS'):
            return found
    raise AssertionError(f'{name} stays {found["StackStatus"]}')


def events(cfn, name):
    return [(e['LogicalResourceId'], e['ResourceStatus'], e.get('ResourceStatusReason'))
            for e in reversed(cfn.describe_stack_events(StackName=name)['StackEvents'])]


def error_of(call):
    with pytest.raises(botocore.exceptions.ClientError) as info:
        call()
    return info.value.response['Error']['Code'], info.value.response['Error']['Message']


def zone(aws, name, private=False):
    """A hosted zone's bare id (Z...), as templates take it."""
    r53 = aws.client('route53')
    config = {}
    if private:
        vpc = aws.client('ec2').create_vpc(CidrBlock='10.9.0.0/16')['Vpc']['VpcId']
        config = {'HostedZoneConfig': {'PrivateZone': True}, 'VPC': {'VPCRegion': 'us-east-1', 'VPCId': vpc}}
    made = r53.create_hosted_zone(Name=name, CallerReference=f'{name}-{private}', **config)['HostedZone']
    return made['Id'].split('/')[-1]


def add_cname(aws, zone_id, name, value, action='UPSERT'):
    aws.client('route53').change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={'Changes': [
        {'Action': action, 'ResourceRecordSet': {'Name': name, 'Type': 'CNAME', 'TTL': 300,
                                                 'ResourceRecords': [{'Value': value}]}}]})


def records(aws, zone_id):
    return aws.client('route53').list_resource_record_sets(HostedZoneId=zone_id)['ResourceRecordSets']


def certificate(aws, arn, region='us-east-1'):
    return aws.client('acm', region=region).describe_certificate(CertificateArn=arn)['Certificate']


def validation(described):
    [option] = described['DomainValidationOptions']
    return option


# =========================================================================== ACM through the API
def test_a_requested_certificate_waits_for_its_own_validation_record(aws):
    acm = aws.client('acm')
    arn = acm.request_certificate(DomainName='www.example.com', ValidationMethod='DNS', IdempotencyToken='t1',
                                  Tags=[{'Key': 'berth:project', 'Value': 'site'}])['CertificateArn']
    pending = certificate(aws, arn)
    option = validation(pending)
    assert (pending['Status'], pending['Type'], option['ValidationMethod'], option['ValidationStatus']) == \
        ('PENDING_VALIDATION', 'AMAZON_ISSUED', 'DNS', 'PENDING_VALIDATION')
    record = option['ResourceRecord']
    assert RECORD_NAME.match(record['Name']).group('domain') == 'www.example.com'
    assert RECORD_VALUE.match(record['Value']) and record['Type'] == 'CNAME'
    assert 'IssuedAt' not in pending and 'NotAfter' not in pending

    # The record is the account's for that name: another certificate of it, in another region too, has the same.
    other = aws.client('acm', region='eu-west-1').request_certificate(
        DomainName='www.example.com', ValidationMethod='DNS')['CertificateArn']
    assert validation(certificate(aws, other, 'eu-west-1'))['ResourceRecord'] == record
    api = acm.request_certificate(DomainName='api.example.com', ValidationMethod='DNS')['CertificateArn']
    assert validation(certificate(aws, api))['ResourceRecord']['Name'] != record['Name']

    example = zone(aws, 'example.com')
    add_cname(aws, example, record['Name'], '_0000.wrong.acm-validations.aws.')
    assert certificate(aws, arn)['Status'] == 'PENDING_VALIDATION'            # not the value ACM gave
    add_cname(aws, zone(aws, 'example.com', private=True), record['Name'], record['Value'])
    assert certificate(aws, arn)['Status'] == 'PENDING_VALIDATION'            # a private zone is not public DNS
    add_cname(aws, example, record['Name'], record['Value'])
    issued = certificate(aws, arn)
    assert (issued['Status'], validation(issued)['ValidationStatus']) == ('ISSUED', 'SUCCESS')
    assert 'IssuedAt' in issued and 'NotAfter' in issued
    assert certificate(aws, other, 'eu-west-1')['Status'] == 'ISSUED'          # the same record validates both
    assert certificate(aws, api)['Status'] == 'PENDING_VALIDATION'
    listed = acm.list_certificates(CertificateStatuses=['ISSUED'])['CertificateSummaryList']
    assert [c['CertificateArn'] for c in listed] == [arn]


def test_the_idempotency_token_returns_the_first_certificate_of_that_domain(aws):
    acm = aws.client('acm')

    def request(domain, token='berth-token', tags=()):
        return acm.request_certificate(DomainName=domain, ValidationMethod='DNS', IdempotencyToken=token,
                                       Tags=list(tags) or [{'Key': 'k', 'Value': 'v'}])['CertificateArn']
    first = request('www.example.com')
    assert request('www.example.com', tags=[{'Key': 'k', 'Value': 'other'}]) == first
    assert request('www.example.org') != first
    acm.delete_certificate(CertificateArn=first)
    again = request('www.example.com')   # moto failed with 500 here
    assert again != first and certificate(aws, again)['Status'] == 'PENDING_VALIDATION'


def test_email_validation_lists_the_addresses_and_never_issues_by_dns(aws):
    acm = aws.client('acm')
    arn = acm.request_certificate(DomainName='www.example.com', ValidationMethod='EMAIL')['CertificateArn']
    option = validation(certificate(aws, arn))
    assert option['ValidationMethod'] == 'EMAIL' and 'ResourceRecord' not in option
    assert 'admin@www.example.com' in option['ValidationEmails']
    # The DNS record of the name is in a public zone, but this certificate waits for the owner's email approval.
    dns = acm.request_certificate(DomainName='www.example.com', ValidationMethod='DNS')['CertificateArn']
    record = validation(certificate(aws, dns))['ResourceRecord']
    add_cname(aws, zone(aws, 'example.com'), record['Name'], record['Value'])
    assert (certificate(aws, dns)['Status'], certificate(aws, arn)['Status']) == ('ISSUED', 'PENDING_VALIDATION')
    # Without ValidationMethod, ACM validates by email.
    default = acm.request_certificate(DomainName='www.example.com')['CertificateArn']
    assert validation(certificate(aws, default))['ValidationMethod'] == 'EMAIL'


def test_a_certificate_a_listener_serves_cannot_be_deleted(aws):
    ec2, elb, acm = aws.client('ec2'), aws.client('elbv2'), aws.client('acm')
    arn = 'arn:aws:acm:us-east-1:123456789012:certificate/web'
    aws.control('POST', '/_berth/acm/certificate', {'arn': arn, 'domain': 'www.example.com'})
    vpc = ec2.create_vpc(CidrBlock='10.0.0.0/16')['Vpc']['VpcId']
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f'10.0.{i}.0/24', AvailabilityZone=f'us-east-1{z}')['Subnet']
               ['SubnetId'] for i, z in ((1, 'a'), (2, 'b'))]
    lb = elb.create_load_balancer(Name='site', Subnets=subnets)['LoadBalancers'][0]
    assert lb['CanonicalHostedZoneId'] == ALB_ZONE_US_EAST_1
    group = elb.create_target_group(Name='site', Protocol='HTTP', Port=80, VpcId=vpc, TargetType='ip')
    listener = elb.create_listener(
        LoadBalancerArn=lb['LoadBalancerArn'], Protocol='HTTPS', Port=443, Certificates=[{'CertificateArn': arn}],
        DefaultActions=[{'Type': 'forward', 'TargetGroupArn': group['TargetGroups'][0]['TargetGroupArn']}])
    assert certificate(aws, arn)['InUseBy'] == [lb['LoadBalancerArn']]
    code, message = error_of(lambda: acm.delete_certificate(CertificateArn=arn))
    assert (code, message) == ('ResourceInUseException', f'Certificate {arn} in account 123456789012 is in use.')
    elb.delete_listener(ListenerArn=listener['Listeners'][0]['ListenerArn'])
    assert certificate(aws, arn)['InUseBy'] == []
    acm.delete_certificate(CertificateArn=arn)


def test_a_placed_pending_certificate_is_issued_by_its_record(aws):
    arn = 'arn:aws:acm:us-east-1:123456789012:certificate/placed'
    aws.control('POST', '/_berth/acm/certificate', {'arn': arn, 'domain': 'shop.example.com',
                                                    'status': 'PENDING_VALIDATION'})
    record = validation(certificate(aws, arn))['ResourceRecord']
    add_cname(aws, zone(aws, 'example.com'), record['Name'], record['Value'])
    assert certificate(aws, arn)['Status'] == 'ISSUED'


# =========================================================================== CloudFormation
def test_a_stack_certificate_validated_in_its_hosted_zone_is_issued_and_served(aws):
    cfn, acm, elb = aws.client('cloudformation'), aws.client('acm'), aws.client('elbv2')
    example = zone(aws, 'example.com')
    cfn.create_stack(StackName='site', TemplateBody=site_template('www.example.com', example))
    done = settle(cfn, 'site')
    assert done['StackStatus'] == 'CREATE_COMPLETE'
    arn = done['Outputs'][0]['OutputValue']
    issued = certificate(aws, arn)
    assert (issued['Status'], issued['DomainName']) == ('ISSUED', 'www.example.com')
    assert acm.list_tags_for_certificate(CertificateArn=arn)['Tags'] == [{'Key': 'berth:service', 'Value': 'web'}]
    [lb] = elb.describe_load_balancers()['LoadBalancers']
    assert issued['InUseBy'] == [lb['LoadBalancerArn']]
    [listener] = elb.describe_listeners(LoadBalancerArn=lb['LoadBalancerArn'])['Listeners']
    assert listener['Certificates'] == [{'CertificateArn': arn}]

    record = validation(issued)['ResourceRecord']
    content = f"Content of DNS Record is: {{Name: {record['Name']},Type: CNAME,Value: {record['Value']}}}"
    assert ('Certificate', 'CREATE_IN_PROGRESS', content) in events(cfn, 'site')
    zone_records = {(r['Name'], r['Type']): r for r in records(aws, example)}
    assert zone_records[(record['Name'], 'CNAME')]['ResourceRecords'] == [{'Value': record['Value']}]
    alias = zone_records[('www.example.com.', 'A')]['AliasTarget']
    assert alias == {'HostedZoneId': ALB_ZONE_US_EAST_1, 'DNSName': lb['DNSName'] + '.', 'EvaluateTargetHealth': False}

    cfn.delete_stack(StackName='site')
    cfn.get_waiter('stack_delete_complete').wait(StackName='site', WaiterConfig=FAST)
    assert error_of(lambda: acm.describe_certificate(CertificateArn=arn))[0] == 'ResourceNotFoundException'
    deleting = [e[0] for e in events(cfn, done['StackId']) if e[1] == 'DELETE_COMPLETE']
    assert deleting.index('HttpsListener') < deleting.index('Certificate')
    # CloudFormation leaves the validation record: other certificates of the name use it.
    assert {(r['Name'], r['Type']) for r in records(aws, example)} == {
        ('example.com.', 'NS'), ('example.com.', 'SOA'), (record['Name'], 'CNAME')}

    # ... so the same certificate in a new stack is issued without a HostedZoneId.
    cfn.create_stack(StackName='again', TemplateBody=site_template('www.example.com', record_zone=example))
    assert settle(cfn, 'again')['StackStatus'] == 'CREATE_COMPLETE'


def test_a_stack_certificate_nobody_validates_fails_instead_of_waiting_72_hours(aws):
    cfn, acm = aws.client('cloudformation'), aws.client('acm')
    cfn.create_stack(StackName='nozone', TemplateBody=site_template('www.nozone.example'))
    done = settle(cfn, 'nozone')
    assert done['StackStatus'] == 'ROLLBACK_COMPLETE'
    assert done['StackStatusReason'] == \
        'The following resource(s) failed to create: [Certificate]. Rollback requested by user.'
    found = events(cfn, 'nozone')
    [reason] = [r for lid, status, r in found if (lid, status) == ('Certificate', 'CREATE_FAILED')]
    assert 'is PENDING_VALIDATION: on AWS this resource stays CREATE_IN_PROGRESS until ACM finds the validation ' \
           'record in public DNS (www.nozone.example: _' in reason
    assert '72 hours' in reason and 'The emulator fails it instead of waiting.' in reason
    assert any(lid == 'Certificate' and (r or '').startswith('Content of DNS Record is: {Name: _')
               for lid, _, r in found)
    assert ('HttpsListener', 'CREATE_IN_PROGRESS', None) not in found   # nothing after the certificate
    assert acm.list_certificates()['CertificateSummaryList'] == []      # rolled back

    cfn.create_stack(StackName='email', TemplateBody=site_template('www.example.com', validation='EMAIL'))
    assert settle(cfn, 'email')['StackStatus'] == 'ROLLBACK_COMPLETE'
    [reason] = [r for lid, status, r in events(cfn, 'email') if (lid, status) == ('Certificate', 'CREATE_FAILED')]
    assert 'the domain owner approves the validation email' in reason


def test_a_hosted_zone_that_is_missing_or_wrong_fails_the_certificate(aws):
    cfn, acm = aws.client('cloudformation'), aws.client('acm')
    cfn.create_stack(StackName='missing', TemplateBody=site_template('www.example.com', 'Z0000000NOSUCHZONE'))
    assert settle(cfn, 'missing')['StackStatus'] == 'ROLLBACK_COMPLETE'
    [reason] = [r for lid, status, r in events(cfn, 'missing') if (lid, status) == ('Certificate', 'CREATE_FAILED')]
    assert reason.startswith('No hosted zone found with ID: Z0000000NOSUCHZONE (Service: AmazonRoute53; Status Code: '
                             '404; Error Code: NoSuchHostedZone; Request ID: ')

    other = zone(aws, 'example.org')
    cfn.create_stack(StackName='wrong', TemplateBody=site_template('www.example.com', other, record_zone=other,
                                                                   record_name='www.example.org.'))
    assert settle(cfn, 'wrong')['StackStatus'] == 'ROLLBACK_COMPLETE'
    [reason] = [r for lid, status, r in events(cfn, 'wrong') if (lid, status) == ('Certificate', 'CREATE_FAILED')]
    assert re.match(r'^\[RRSet with DNS name _[0-9a-f]{32}\.www\.example\.com\. is not permitted in zone '
                    r'example\.org\.\] \(Service: AmazonRoute53; Status Code: 400; Error Code: InvalidChangeBatch;',
                    reason)
    assert acm.list_certificates()['CertificateSummaryList'] == []


def test_updating_a_stack_certificate(aws):
    cfn, acm, elb = aws.client('cloudformation'), aws.client('acm'), aws.client('elbv2')
    example = zone(aws, 'example.com')
    cfn.create_stack(StackName='site', TemplateBody=site_template('www.example.com', example))
    first = settle(cfn, 'site')['Outputs'][0]['OutputValue']

    cfn.update_stack(StackName='site', TemplateBody=site_template('www.example.com', example, tags='frontend'))
    same = settle(cfn, 'site')
    assert (same['StackStatus'], same['Outputs'][0]['OutputValue']) == ('UPDATE_COMPLETE', first)
    assert acm.list_tags_for_certificate(CertificateArn=first)['Tags'] == [{'Key': 'berth:service',
                                                                            'Value': 'frontend'}]

    # A new DomainName replaces the certificate: the new one is issued and served, then the old one deleted.
    cfn.update_stack(StackName='site', TemplateBody=site_template('shop.example.com', example))
    replaced = settle(cfn, 'site')
    second = replaced['Outputs'][0]['OutputValue']
    assert replaced['StackStatus'] == 'UPDATE_COMPLETE' and second != first
    assert certificate(aws, second)['Status'] == 'ISSUED'
    assert error_of(lambda: acm.describe_certificate(CertificateArn=first))[0] == 'ResourceNotFoundException'
    [lb] = elb.describe_load_balancers()['LoadBalancers']
    [listener] = elb.describe_listeners(LoadBalancerArn=lb['LoadBalancerArn'])['Listeners']
    assert listener['Certificates'] == [{'CertificateArn': second}]
    names = {(r['Name'], r['Type']) for r in records(aws, example)}
    assert ('shop.example.com.', 'A') in names and ('www.example.com.', 'A') not in names
    assert sum(1 for name, kind in names if kind == 'CNAME') == 2   # both names' validation records stay
    order = [(e[0], e[1], e[2]) for e in events(cfn, 'site')]
    created = order.index(('Certificate', 'UPDATE_COMPLETE', None))
    assert order.index(('HttpsListener', 'UPDATE_COMPLETE', None)) > created
    assert max(i for i, e in enumerate(order) if e[:2] == ('Certificate', 'DELETE_COMPLETE')) > \
        order.index(('HttpsListener', 'UPDATE_COMPLETE', None))


# =========================================================================== Route 53
def test_a_record_must_be_inside_its_zone(aws):
    example = zone(aws, 'example.com')
    code, message = error_of(lambda: add_cname(aws, example, 'www.badexample.com', 'x.example.net', 'CREATE'))
    assert (code, message) == ('InvalidChangeBatch',
                               '[RRSet with DNS name www.badexample.com. is not permitted in zone example.com.]')
    add_cname(aws, example, 'www.example.com', 'x.example.net', 'CREATE')
    assert ('www.example.com.', 'CNAME') in {(r['Name'], r['Type']) for r in records(aws, example)}

    cfn = aws.client('cloudformation')
    cfn.create_stack(StackName='outside', TemplateBody=site_template(
        'www.example.com', example, record_zone=example, record_name='www.example.org.'))
    assert settle(cfn, 'outside')['StackStatus'] == 'ROLLBACK_COMPLETE'
    assert ('DomainRecord', 'CREATE_FAILED',
            '[RRSet with DNS name www.example.org. is not permitted in zone example.com.]') in events(cfn, 'outside')

    aws.client('route53').change_resource_record_sets(HostedZoneId=example, ChangeBatch={'Changes': [
        {'Action': 'CREATE', 'ResourceRecordSet': {'Name': 'shop.example.com', 'Type': 'A', 'TTL': 60,
                                                   'ResourceRecords': [{'Value': '192.0.2.1'}]}}]})
    cfn.create_stack(StackName='taken', TemplateBody=site_template(
        'www.example.com', example, record_zone=example, record_name='shop.example.com.'))
    assert settle(cfn, 'taken')['StackStatus'] == 'ROLLBACK_COMPLETE'
    assert ('DomainRecord', 'CREATE_FAILED', "[Tried to create resource record set [name='shop.example.com.', "
            "type='A'] but it already exists]") in events(cfn, 'taken')


def test_hosted_zones_by_name_are_listed_as_route53_sorts_them(aws):
    r53 = aws.client('route53')
    for name in ('example.com', 'www.example.com', 'example.org', 'a.example.com'):
        zone(aws, name)
    listed = r53.list_hosted_zones_by_name(DNSName='example.com', MaxItems='2')
    assert [z['Name'] for z in listed['HostedZones']] == ['example.com.', 'a.example.com.']
    assert (listed['DNSName'], listed['IsTruncated'], listed['NextDNSName']) == ('example.com.', True,
                                                                                'www.example.com.')
    rest = r53.list_hosted_zones_by_name(DNSName=listed['NextDNSName'], HostedZoneId=listed['NextHostedZoneId'])
    assert [z['Name'] for z in rest['HostedZones']] == ['www.example.com.', 'example.org.']
    assert rest['IsTruncated'] is False
    everything = r53.list_hosted_zones_by_name()
    assert [z['Name'] for z in everything['HostedZones']] == [
        'example.com.', 'a.example.com.', 'www.example.com.', 'example.org.']
    assert 'DNSName' not in everything


def test_load_balancers_have_their_regions_canonical_hosted_zone(aws):
    ec2, elb = aws.client('ec2', region='eu-west-1'), aws.client('elbv2', region='eu-west-1')
    vpc = ec2.create_vpc(CidrBlock='10.0.0.0/16')['Vpc']['VpcId']
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f'10.0.{i}.0/24', AvailabilityZone=f'eu-west-1{z}')['Subnet']
               ['SubnetId'] for i, z in ((1, 'a'), (2, 'b'))]
    alb = elb.create_load_balancer(Name='web', Subnets=subnets)['LoadBalancers'][0]
    nlb = elb.create_load_balancer(Name='tcp', Subnets=subnets, Type='network')['LoadBalancers'][0]
    assert (alb['CanonicalHostedZoneId'], nlb['CanonicalHostedZoneId']) == ('Z32O12XQLNTSW2', 'Z2IFOLAFXWLO4F')

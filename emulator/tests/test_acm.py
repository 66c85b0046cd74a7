"""ACM certificates (patch acm-certificates): a fixed ARN can be placed, and listeners take only issued ones."""
import botocore.exceptions
import pytest

ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/example'


def listener_error(aws, certificate_arn):
    ec2 = aws.client('ec2', region='eu-west-1')
    elb = aws.client('elbv2', region='eu-west-1')
    vpc = ec2.create_vpc(CidrBlock='10.0.0.0/16')['Vpc']['VpcId']
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f'10.0.{i}.0/24', AvailabilityZone=f'eu-west-1{z}')['Subnet']['SubnetId']
               for i, z in ((1, 'a'), (2, 'b'))]
    lb = elb.create_load_balancer(Name='site', Subnets=subnets)['LoadBalancers'][0]['LoadBalancerArn']
    group = elb.create_target_group(Name='site', Protocol='HTTP', Port=80, VpcId=vpc, TargetType='ip')
    action = [{'Type': 'forward', 'TargetGroupArn': group['TargetGroups'][0]['TargetGroupArn']}]
    try:
        elb.create_listener(LoadBalancerArn=lb, Protocol='HTTPS', Port=443, DefaultActions=action,
                            Certificates=[{'CertificateArn': certificate_arn}])
    except botocore.exceptions.ClientError as e:
        return e.response['Error']['Code']
    return None


def test_a_certificate_placed_with_its_arn_is_described_in_its_region(aws):
    assert aws.control('POST', '/_berth/acm/certificate', {'arn': ARN, 'domain': 'www.example.com'}) \
        == {'arn': ARN, 'status': 'ISSUED'}
    described = aws.client('acm', region='eu-west-1').describe_certificate(CertificateArn=ARN)['Certificate']
    assert (described['CertificateArn'], described['Status'], described['DomainName']) == (ARN, 'ISSUED', 'www.example.com')
    with pytest.raises(botocore.exceptions.ClientError) as e:
        aws.client('acm', region='us-east-1').describe_certificate(CertificateArn=ARN)
    assert e.value.response['Error']['Code'] == 'ResourceNotFoundException'


def test_a_listener_takes_an_issued_certificate(aws):
    aws.control('POST', '/_berth/acm/certificate', {'arn': ARN})
    assert listener_error(aws, ARN) is None


@pytest.mark.parametrize('status', ['PENDING_VALIDATION', 'EXPIRED'])
def test_a_listener_refuses_a_certificate_acm_has_not_issued(aws, status):
    aws.control('POST', '/_berth/acm/certificate', {'arn': ARN, 'status': status})
    assert aws.client('acm', region='eu-west-1').describe_certificate(CertificateArn=ARN)['Certificate']['Status'] == status
    # ELBv2 spells it CertificateNotFound; moto's listener path answers with ELB's CertificateNotFoundException.
    assert listener_error(aws, ARN) in ('CertificateNotFound', 'CertificateNotFoundException')


def test_bad_control_input_is_refused(aws):
    for body in ({'arn': 'arn:aws:s3:::bucket'}, {'arn': ARN, 'status': 'GREAT'}):
        with pytest.raises(Exception) as e:
            aws.control('POST', '/_berth/acm/certificate', body)
        assert '400' in str(e.value)

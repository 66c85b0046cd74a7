"""ACM certificates (patch 'acm-certificates'): DNS validation as ACM does it, AWS::CertificateManager::Certificate
in stacks, a load balancer listener takes only an ISSUED certificate, one in use cannot be deleted, and tests can
place a certificate with the ARN a compose file names.

moto alone:
  * every pending Amazon-issued certificate turned ISSUED 60 seconds after the request, whatever DNS held, and
    every certificate showed the same validation record (`_d930b28b....<domain>.` → `_c9edd76e....acm-validations.
    aws.`), with IssuedAt set while it was still pending; ValidationMethod was ignored (always DNS);
  * RequestCertificate with the IdempotencyToken of a deleted certificate failed with an internal error (500);
  * DeleteCertificate deleted a certificate that a listener still served;
  * a listener accepted any certificate ACM holds, whatever its status, and a certificate's ARN was always
    random, so a compose file's fixed ARN could not be made to exist;
  * CloudFormation had no model for AWS::CertificateManager::Certificate: it made nothing, its Ref was empty, and
    an HTTPS listener naming it failed with `'CertificateArn'`.

With the patch, a DNS-validated certificate has the validation record ACM gives this account for each of its
names (`_<32 hex>.<name>.` CNAME `_<32 hex>.<10 letters>.acm-validations.aws.`), and is ISSUED once every name's
record is in one of the account's public hosted zones; a stack's certificate with a HostedZoneId gets its record
written there by CloudFormation and completes ISSUED; one that would wait for someone (no HostedZoneId, email
validation) fails with the reason instead of keeping the stack CREATE_IN_PROGRESS for up to 72 hours.
docs/acm.md lists each behaviour, the AWS text it follows, and its limits.
"""
import contextlib
import datetime
import hashlib
import threading

from moto.core.common_models import CloudFormationModel

from .base import Patch, adopt_cloudformation_model, require, wrap
from .route53 import record_values, same_name, service_error, within_zone

TYPE = 'AWS::CertificateManager::Certificate'
STATUSES = ('PENDING_VALIDATION', 'ISSUED', 'INACTIVE', 'EXPIRED', 'VALIDATION_TIMED_OUT', 'REVOKED', 'FAILED')
NOT_ISSUED = ('PENDING_VALIDATION', 'VALIDATION_TIMED_OUT', 'FAILED')
# "If ACM is not able to validate the domain within 72 hours from the time it generates a CNAME value for you,
# ACM changes the certificate status to Validation timed out." (ACM user guide, DNS validation)
VALIDATION_WINDOW = datetime.timedelta(hours=72)
# "Idempotency tokens time out after one hour." (RequestCertificate)
TOKEN_LIFETIME = datetime.timedelta(hours=1)
VALIDATION_TTL = 300
# The addresses email validation writes to (ACM user guide, "Email validation").
EMAIL_BOXES = ('admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster')

PATCH = None   # the installed ACMPatch, for the CloudFormation model


def validation_base(domain):
    """The name whose ownership DNS validation proves: `*.example.com` is validated as `example.com`."""
    name = str(domain or '').lower().rstrip('.')
    return name[2:] if name.startswith('*.') else name


def validation_record(account_id, domain):
    """The CNAME that validates `domain` for this account: "Each record, created specifically for your domain and
    your account, contains a name and a value" (ACM user guide, DNS validation) — the same in every region and
    for every certificate of that name, which is why a replacement or re-created certificate needs no new record.
    Deterministic here: derived from the account and the name."""
    base = validation_base(domain)
    name_hash = hashlib.sha256(f'berth-acm-name|{account_id}|{base}'.encode()).hexdigest()[:32]
    value_digest = hashlib.sha256(f'berth-acm-value|{account_id}|{base}'.encode()).digest()
    letters = ''.join(chr(ord('a') + b % 26) for b in value_digest[:10])
    return f'_{name_hash}.{base}.', f'_{value_digest.hex()[:32]}.{letters}.acm-validations.aws.'


def dns_record_content(account_id, domain):
    """The resource's CREATE_IN_PROGRESS status reason while the certificate waits, as CloudFormation words it."""
    name, value = validation_record(account_id, domain)
    return f'Content of DNS Record is: {{Name: {name},Type: CNAME,Value: {value}}}'


def arn_parts(arn):
    """(partition, region, account) of an ACM ARN."""
    parts = str(arn).split(':', 5)
    return parts[1], parts[3], parts[4]


class ResourceFailure(Exception):
    """A stack resource that fails, with the status reason and the CREATE_IN_PROGRESS reasons shown before it."""
    code = 'NotStabilized'

    def __init__(self, message, progress=()):
        super().__init__(message)
        self.message, self.cfn_progress = message, list(progress)


# =========================================================================== AWS::CertificateManager::Certificate
class CertificateResource(CloudFormationModel):
    """AWS::CertificateManager::Certificate: a certificate requested from ACM in the stack's account and region.
    Ref returns its ARN."""

    def __init__(self, arn, progress=()):
        self.arn = arn
        self.cfn_progress = list(progress)

    @property
    def physical_resource_id(self):
        return self.arn

    @staticmethod
    def cloudformation_name_type():
        return None

    @staticmethod
    def cloudformation_type():
        return TYPE

    @classmethod
    def has_cfn_attr(cls, attr):
        return False

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        return PATCH.create_stack_certificate(cloudformation_json.get('Properties') or {}, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        return PATCH.update_stack_certificate(original_resource, cloudformation_json.get('Properties') or {})

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        if resource_name:
            PATCH.delete_stack_certificate(resource_name)

    def delete(self, account_id, region_name):
        PATCH.delete_stack_certificate(self.arn)

    def is_created(self):
        return True


# =========================================================================== the patch
class ACMPatch(Patch):
    name = 'acm-certificates'
    prefix = 'acm'

    def __init__(self, settings):
        super().__init__(settings)
        self.request = threading.local()   # the ValidationMethod of the RequestCertificate being served

    def install(self):
        global PATCH
        from moto.acm import exceptions, models as acm, responses
        from moto.core import exceptions as core_exceptions, utils as core_utils
        from moto.elbv2 import models as elbv2
        from moto.route53 import models as route53
        require(self.name, acm, 'CertBundle', 'acm_backends', 'CertificateNotFound', 'datetime_to_epoch')
        require(self.name, acm.CertBundle, 'generate_cert', 'check', 'describe', '_not_valid_after')
        backend = acm.AWSCertificateManagerBackend('us-east-1', '000000000000')
        require(self.name, backend, '_certificates')
        require(self.name, acm.AWSCertificateManagerBackend, 'set_certificate_in_use_by', 'get_certificate', params=[
            ('request_certificate', ['domain_name', 'idempotency_token', 'subject_alt_names', 'tags',
                                     'cert_authority_arn', 'cert_options']),
            ('delete_certificate', ['arn'])])
        require(self.name, responses.AWSCertificateManagerResponse, 'request_certificate', '_get_param')
        require(self.name, exceptions, 'AWSError')
        require(self.name, core_exceptions, 'ServiceException')
        require(self.name, core_utils, 'utcnow')
        require(self.name, elbv2, 'elbv2_backends')
        require(self.name, elbv2.ELBv2Backend, '_certificate_exists')
        require(self.name, route53, 'route53_backends')
        require(self.name, route53.Route53Backend, 'change_resource_record_sets')
        self.acm, self.exceptions, self.utcnow = acm, exceptions, core_utils.utcnow
        self.ServiceException = core_exceptions.ServiceException
        self.elbv2_backends, self.route53_backends = elbv2.elbv2_backends, route53.route53_backends
        adopt_cloudformation_model(self.name, TYPE, CertificateResource)
        PATCH = self
        wrap(acm.CertBundle, 'check', self.check)
        wrap(acm.CertBundle, 'describe', self.describe)
        wrap(acm.AWSCertificateManagerBackend, 'request_certificate', self.request_certificate)
        wrap(acm.AWSCertificateManagerBackend, 'delete_certificate', self.delete_certificate)
        wrap(responses.AWSCertificateManagerResponse, 'request_certificate', self.remember_validation_method)
        # CreateListener goes through ACM's set_certificate_in_use_by; ModifyListener through _certificate_exists.
        wrap(acm.AWSCertificateManagerBackend, 'set_certificate_in_use_by', self.set_certificate_in_use_by)
        wrap(elbv2.ELBv2Backend, '_certificate_exists', self.certificate_exists)

    # ------------------------------------------------------------------ DNS validation
    def dns_validated(self, account_id, partition, domain):
        """Whether ACM finds `domain`'s validation record: a CNAME with exactly that name and value in one of the
        account's public hosted zones that holds the name (ACM looks the record up in public DNS; a private zone
        answers only inside its VPCs). Route 53 zones belong to the account, not to a region."""
        name, value = validation_record(account_id, domain)
        for zone in list(self.route53_backends[account_id][partition].zones.values()):
            if zone.private_zone or not within_zone(name, zone.name):
                continue
            for record in list(zone.rrsets):
                if record.type == 'CNAME' and same_name(record.name, name) \
                        and any(same_name(v, value) for v in record_values(record)):
                    return True
        return False

    @staticmethod
    def names_of(bundle):
        """The certificate's names in DescribeCertificate's order: DomainName, then the other SANs."""
        names = [bundle.common_name] if bundle.common_name else []
        return names + [s for s in bundle.sans if s.lower() not in {n.lower() for n in names}]

    def check(self, old, bundle):
        """ACM's view of a pending Amazon-issued certificate, at every read (moto checks on DescribeCertificate,
        ListCertificates, GetCertificate and the tag calls): DNS validation issues it once every name's validation
        record is in DNS ("After ACM validates that you own or control the domain, it issues the certificate");
        after 72 hours pending it is VALIDATION_TIMED_OUT. Email (and HTTP) validation never completes here.
        moto instead issued every pending certificate 60 seconds after the request."""
        if bundle.type != 'AMAZON_ISSUED' or bundle.status != 'PENDING_VALIDATION':
            return old(bundle)
        now = self.utcnow()
        if bundle._not_valid_after(bundle._cert) <= now:
            bundle.status = 'EXPIRED'
            return None
        partition, _, account = arn_parts(bundle.arn)
        method = getattr(bundle, 'berth_validation_method', 'DNS')
        if method == 'DNS' and all(self.dns_validated(account, partition, n) for n in self.names_of(bundle)):
            bundle.status, bundle.berth_issued_at = 'ISSUED', now
        elif now - bundle.created_at > VALIDATION_WINDOW:
            bundle.status = 'VALIDATION_TIMED_OUT'
        return None

    def describe(self, old, bundle):
        """DescribeCertificate (and ListCertificates, built from it) as ACM answers: DomainValidationOptions in the
        order of the names, each with this account's validation record (DNS) or the addresses validation mail
        goes to (EMAIL), ValidationStatus SUCCESS for a name whose record is found; IssuedAt, NotBefore, NotAfter,
        Serial and Issuer only once it is issued; InUseBy the load balancers whose listeners use it."""
        result = old(bundle)
        certificate = result['Certificate']
        partition, region, account = arn_parts(bundle.arn)
        certificate['InUseBy'] = self.in_use_by(account, region, bundle.arn)
        if bundle.type != 'AMAZON_ISSUED':
            return result
        method = getattr(bundle, 'berth_validation_method', 'DNS')
        options = []
        for name in self.names_of(bundle):
            if bundle.status == 'PENDING_VALIDATION':
                status = 'SUCCESS' if method == 'DNS' and self.dns_validated(account, partition, name) \
                    else 'PENDING_VALIDATION'
            else:
                status = 'FAILED' if bundle.status in ('FAILED', 'VALIDATION_TIMED_OUT') else 'SUCCESS'
            option = {'DomainName': name, 'ValidationDomain': name, 'ValidationStatus': status,
                      'ValidationMethod': method}
            if method == 'DNS':
                record_name, value = validation_record(account, name)
                option['ResourceRecord'] = {'Name': record_name, 'Type': 'CNAME', 'Value': value}
            elif method == 'EMAIL':
                option['ValidationEmails'] = [f'{box}@{validation_base(name)}' for box in EMAIL_BOXES]
            options.append(option)
        certificate['DomainValidationOptions'] = options
        if bundle.status in NOT_ISSUED:
            for key in ('IssuedAt', 'NotBefore', 'NotAfter', 'Serial', 'Issuer'):
                certificate.pop(key, None)
        elif getattr(bundle, 'berth_issued_at', None) is not None:
            certificate['IssuedAt'] = self.acm.datetime_to_epoch(bundle.berth_issued_at)
        return result

    # ------------------------------------------------------------------ requests, idempotency, deletion
    @contextlib.contextmanager
    def validating_with(self, method):
        self.request.validation_method = method
        try:
            yield
        finally:
            self.request.validation_method = None

    def remember_validation_method(self, old, response):
        """moto's RequestCertificate drops ValidationMethod; keep it for the backend call. AWS's default is email
        validation (the CDK, which passes ValidationMethod through: "@default ValidationMethod.EMAIL")."""
        with self.validating_with(response._get_param('ValidationMethod') or 'EMAIL'):
            return old(response)

    def request_certificate(self, old, backend, domain_name, idempotency_token, subject_alt_names, tags,
                            cert_authority_arn=None, cert_options=None):
        """RequestCertificate: "if you call RequestCertificate multiple times with the same idempotency token
        within one hour, ACM recognizes that you are requesting only one certificate and will issue only one."
        The same token and domain name within the hour return the first certificate's ARN, whatever the tags (moto
        compared the tags, and failed with 500 once that certificate was deleted); a deleted certificate or
        another domain name makes a new one. The certificate keeps its ValidationMethod."""
        with self.lock:
            tokens = backend.__dict__.setdefault('berth_tokens', {})   # token -> (domain, arn, expiry)
            now = self.utcnow()
            known = tokens.get(idempotency_token) if idempotency_token else None
            if known and known[0] == str(domain_name).lower() and known[2] > now and known[1] in backend._certificates:
                return known[1]
            arn = old(backend, domain_name, None, subject_alt_names, tags, cert_authority_arn, cert_options)
            if cert_authority_arn is None:
                backend._certificates[arn].berth_validation_method = \
                    str(getattr(self.request, 'validation_method', None) or 'DNS').upper()
            if idempotency_token:
                tokens[idempotency_token] = (str(domain_name).lower(), arn, now + TOKEN_LIFETIME)
            return arn

    def in_use_by(self, account_id, region, arn):
        """The load balancers (ARNs) with a listener that serves the certificate, as ACM's InUseBy lists them
        (moto appended listener ARNs and never removed them)."""
        if account_id not in self.elbv2_backends or region not in self.elbv2_backends[account_id]:
            return []
        balancers = list(self.elbv2_backends[account_id][region].load_balancers.values())
        return [b.arn for b in balancers
                if any(arn == listener.certificate or arn in (listener.certificates or [])
                       for listener in list(b.listeners.values()))]

    def delete_certificate(self, old, backend, arn):
        """DeleteCertificate: "You cannot delete an ACM certificate that is being used by another AWS service. To
        delete a certificate that is in use, the certificate association must first be removed."
        ResourceInUseException (400) while a listener serves it."""
        with self.lock:
            if arn in backend._certificates and self.in_use_by(backend.account_id, backend.region_name, arn):
                raise self.exceptions.AWSError(f'Certificate {arn} in account {backend.account_id} is in use.',
                                               exception_type='ResourceInUseException')
            return old(backend, arn)

    # ------------------------------------------------------------------ load balancer listeners
    def set_certificate_in_use_by(self, old, backend, arn, load_balancer_name):
        """CreateListener: a certificate ACM has not issued is one the listener cannot find."""
        bundle = backend._certificates.get(arn)
        if bundle is not None:
            bundle.check()
            if bundle.status != 'ISSUED':
                raise self.acm.CertificateNotFound(arn=arn, account_id=backend.account_id)
        return old(backend, arn, load_balancer_name)

    def certificate_exists(self, old, backend, certificate_arn):
        """CreateListener/ModifyListener: a certificate ACM holds but has not issued is not one the listener
        can use (moto checked existence only). IAM server certificates are left to moto."""
        if not old(backend, certificate_arn=certificate_arn):
            return False
        bundle = self.acm.acm_backends[backend.account_id][backend.region_name]._certificates.get(certificate_arn)
        return bundle is None or bundle.status == 'ISSUED'

    # ------------------------------------------------------------------ AWS::CertificateManager::Certificate
    def create_stack_certificate(self, properties, account_id, region_name):
        """CloudFormation requests the certificate from ACM (same account and region as the stack), with the
        template's Tags. "When you use the AWS::CertificateManager::Certificate resource in a CloudFormation
        stack, domain validation is handled automatically if all three of the following are true: The certificate
        domain is hosted in Amazon Route 53, the domain resides in your AWS account, and you are using DNS
        validation": for each DomainValidationOptions entry with a HostedZoneId, CloudFormation writes the name's
        validation CNAME into that zone (UPSERT; a zone that does not exist or does not hold the name fails the
        resource with Route 53's error), and the resource completes once ACM issues the certificate. "However, if
        the certificate uses email validation, or if the domain is not hosted in Route 53, then the stack will
        remain in the CREATE_IN_PROGRESS state" until someone validates it: the emulator fails the resource then,
        saying so, rather than waiting up to 72 hours. A failed resource's certificate is deleted (rollback)."""
        domain = properties.get('DomainName')
        sans = [s for s in properties.get('SubjectAlternativeNames') or [] if isinstance(s, str)]
        authority = properties.get('CertificateAuthorityArn')
        method = str(properties.get('ValidationMethod') or 'EMAIL').upper()
        options = {}
        if properties.get('CertificateTransparencyLoggingPreference'):
            options['CertificateTransparencyLoggingPreference'] = properties['CertificateTransparencyLoggingPreference']
        backend = self.acm.acm_backends[account_id][region_name]
        names = [domain] + [s for s in sans if s.lower() != str(domain).lower()]
        wrong = [o.get('DomainName') for o in properties.get('DomainValidationOptions') or []
                 if str(o.get('DomainName', '')).lower() not in {n.lower() for n in names}]
        if wrong:
            raise self.exceptions.AWSError(
                f'DomainValidationOptions {", ".join(map(str, wrong))} do not match a domain name in the request.',
                exception_type='InvalidDomainValidationOptionsException')
        with self.validating_with(method):
            arn = backend.request_certificate(domain, None, sans or None, properties.get('Tags') or [], authority,
                                              options or None)
        progress = [] if authority or method != 'DNS' else \
            list(dict.fromkeys(dns_record_content(account_id, n) for n in names))
        try:
            if not authority and method == 'DNS':
                for option in properties.get('DomainValidationOptions') or []:
                    if option.get('HostedZoneId'):
                        self.write_validation_record(account_id, region_name, option['HostedZoneId'],
                                                     option['DomainName'], progress)
            bundle = backend.get_certificate(arn)   # ACM looks for the records
            if bundle.status != 'ISSUED':
                raise ResourceFailure(self.waiting_reason(bundle, account_id, names, method), progress)
        except Exception as e:
            e.physical_resource_id = arn   # the events of the failed resource name the certificate it made
            with contextlib.suppress(Exception):
                backend.delete_certificate(arn)
            raise
        return CertificateResource(arn, progress)

    def write_validation_record(self, account_id, region_name, zone_id, domain, progress):
        """The validation CNAME of `domain` in hosted zone `zone_id`, as ChangeResourceRecordSets UPSERT writes it
        (the same record may already be there for another certificate of that name). "CloudFormation requires
        the IDs to be in the format Z111111QQQQQQQ" (DomainValidationOption): `/hostedzone/Z...` finds no zone."""
        from moto.utilities.utils import get_partition
        route53 = self.route53_backends[account_id][get_partition(region_name)]
        name, value = validation_record(account_id, domain)
        try:
            if str(zone_id).startswith('/') or str(zone_id) not in route53.zones:
                from moto.route53.exceptions import NoSuchHostedZone
                raise NoSuchHostedZone(zone_id)
            route53.change_resource_record_sets(zone_id, [{'Action': 'UPSERT', 'ResourceRecordSet': {
                'Name': name, 'Type': 'CNAME', 'TTL': VALIDATION_TTL, 'ResourceRecords': [{'Value': value}]}}])
        except self.ServiceException as e:
            raise ResourceFailure(service_error(e, 404 if e.code == 'NoSuchHostedZone' else 400), progress) from e

    def waiting_reason(self, bundle, account_id, names, method):
        """The status reason of a certificate resource that CloudFormation would keep waiting for."""
        partition = arn_parts(bundle.arn)[0]
        pending = [n for n in names if method != 'DNS' or not self.dns_validated(account_id, partition, n)]
        if method == 'DNS':
            records = '; '.join(f'{n}: {" CNAME ".join(validation_record(account_id, n))}' for n in pending)
            what = (f'ACM finds the validation record in public DNS ({records}). A DomainValidationOptions entry '
                    'with the HostedZoneId of the public hosted zone that holds the name makes CloudFormation write '
                    'it')
        else:
            what = f'the domain owner approves the validation email ({method} validation of {", ".join(pending)})'
        return (f'Certificate {bundle.arn} is {bundle.status}: on AWS this resource stays CREATE_IN_PROGRESS until '
                f'{what}; ACM gives up after 72 hours. The emulator fails it instead of waiting.')

    def update_stack_certificate(self, resource, properties):
        """An update without replacement (Tags, CertificateTransparencyLoggingPreference): the certificate's tags
        become the template's, its transparency logging preference is set. Other properties replace it
        (createOnlyProperties), which the CloudFormation patch does: the new certificate first, the old one
        deleted in cleanup."""
        _, region, account = arn_parts(resource.arn)
        bundle = self.acm.acm_backends[account][region].get_certificate(resource.arn)
        bundle.tags.clear()
        bundle.tags.add(properties.get('Tags') or [])
        if properties.get('CertificateTransparencyLoggingPreference'):
            bundle.cert_options['CertificateTransparencyLoggingPreference'] = \
                properties['CertificateTransparencyLoggingPreference']
        return resource

    def delete_stack_certificate(self, arn):
        """DeleteCertificate (ResourceInUseException while a listener still serves it; the stack's listener is
        deleted first, as it refers to the certificate). A certificate already gone is fine. The validation
        record stays in the hosted zone, as CloudFormation leaves it: other certificates of the name use it."""
        _, region, account = arn_parts(arn)
        try:
            self.acm.acm_backends[account][region].delete_certificate(arn)
        except self.acm.CertificateNotFound:
            pass

    # ------------------------------------------------------------------ control API
    def control(self, method, action, body):
        """POST /_berth/acm/certificate {"arn": ..., "domain": ..., "status": "ISSUED"}: a certificate with
        exactly that ARN (its region and account are the ARN's), in that status."""
        if (method, action) != ('POST', 'certificate'):
            return super().control(method, action, body)
        arn, domain, status = body.get('arn'), body.get('domain') or 'example.com', body.get('status') or 'ISSUED'
        parts = arn.split(':', 5) if isinstance(arn, str) else []
        if len(parts) != 6 or parts[2] != 'acm' or not parts[5].startswith('certificate/'):
            return 400, {'error': 'arn must be an ACM certificate ARN'}
        if status not in STATUSES:
            return 400, {'error': f'status must be one of {", ".join(STATUSES)}'}
        region, account = parts[3], parts[4]
        with self.lock:
            bundle = self.acm.CertBundle.generate_cert(domain, account, region)
            # An Amazon-issued, DNS-validated certificate: a PENDING_VALIDATION one is issued once its validation
            # record is in one of the account's public hosted zones, like a requested one.
            bundle.arn, bundle.status, bundle.type = arn, status, 'AMAZON_ISSUED'
            bundle.berth_validation_method = 'DNS'
            self.acm.acm_backends[account][region]._certificates[arn] = bundle
        return 200, {'arn': arn, 'status': status}

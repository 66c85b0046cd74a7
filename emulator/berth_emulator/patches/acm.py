"""ACM certificates (patch 'acm-certificates'): a load balancer listener takes only an ISSUED certificate,
and tests can place a certificate with the ARN a compose file names.

moto alone: a listener accepted any certificate ACM holds, whatever its status (a PENDING_VALIDATION or
EXPIRED one included), and a certificate's ARN was always random, so a compose file's fixed ARN could not
be made to exist. AWS serves HTTPS only with an issued certificate: ELBv2 answers CertificateNotFound
for one ACM has not issued, and the stack rolls back.
docs/acm.md lists each behaviour, the AWS text it follows, and its limits.
"""
from .base import Patch, require, wrap

STATUSES = ('PENDING_VALIDATION', 'ISSUED', 'INACTIVE', 'EXPIRED', 'VALIDATION_TIMED_OUT', 'REVOKED', 'FAILED')


class ACMPatch(Patch):
    name = 'acm-certificates'
    prefix = 'acm'

    def install(self):
        from moto.acm import models as acm
        from moto.elbv2 import models as elbv2
        require(self.name, acm, 'CertBundle', 'acm_backends', 'CertificateNotFound')
        require(self.name, acm.CertBundle, 'generate_cert')
        require(self.name, acm.AWSCertificateManagerBackend('us-east-1', '000000000000'), '_certificates')
        require(self.name, acm.AWSCertificateManagerBackend, 'set_certificate_in_use_by')
        require(self.name, elbv2.ELBv2Backend, '_certificate_exists')
        self.acm = acm
        # CreateListener goes through ACM's set_certificate_in_use_by; ModifyListener through _certificate_exists.
        wrap(acm.AWSCertificateManagerBackend, 'set_certificate_in_use_by', self.set_certificate_in_use_by)
        wrap(elbv2.ELBv2Backend, '_certificate_exists', self.certificate_exists)

    def set_certificate_in_use_by(self, old, backend, arn, load_balancer_name):
        """CreateListener: a certificate ACM has not issued is one the listener cannot find."""
        bundle = backend._certificates.get(arn)
        if bundle is not None and bundle.status != 'ISSUED':
            raise self.acm.CertificateNotFound(arn=arn, account_id=backend.account_id)
        return old(backend, arn, load_balancer_name)

    def certificate_exists(self, old, backend, certificate_arn):
        """CreateListener/ModifyListener: a certificate ACM holds but has not issued is not one the listener
        can use (moto checked existence only). IAM server certificates are left to moto."""
        if not old(backend, certificate_arn=certificate_arn):
            return False
        bundle = self.acm.acm_backends[backend.account_id][backend.region_name]._certificates.get(certificate_arn)
        return bundle is None or bundle.status == 'ISSUED'

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
            bundle.arn, bundle.status = arn, status
            # An imported certificate keeps its status; moto turns an Amazon-issued pending one ISSUED by itself.
            bundle.type = 'AMAZON_ISSUED' if status == 'ISSUED' else 'IMPORTED'
            self.acm.acm_backends[account][region]._certificates[arn] = bundle
        return 200, {'arn': arn, 'status': status}

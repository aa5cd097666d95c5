"""The forms of an administrative arrangement as versioned schemas (issue 14): one module per form,
each a frozen pydantic model that refuses any field it does not declare, with a mapper to and
from the domain where a domain concept exists; ``FORMS``, ``form_model`` and ``form_json_schema``
find them by name; ``arrangement`` holds what an arrangement says of its forms."""

from coordina.domain.forms.acknowledgement import Acknowledgement
from coordina.domain.forms.arrangement import ArrangementForm, DataProtection, Retention, retention_end
from coordina.domain.forms.base import FormModel
from coordina.domain.forms.coverage_certificate import CoverageCertificate
from coordina.domain.forms.decision_notification import DecisionNotification
from coordina.domain.forms.identifiers import BodyId, MessageId, party_of
from coordina.domain.forms.insurance_periods import InsurancePeriods
from coordina.domain.forms.invalidity_medical_report import InvalidityMedicalReport
from coordina.domain.forms.life_certificate import LifeCertificate
from coordina.domain.forms.pension_claim import PensionClaim
from coordina.domain.forms.periods_request import PeriodsRequest
from coordina.domain.forms.versions import FORMS, VERSIONS, field_paths, form_json_schema, form_model

__all__ = [
    "FORMS",
    "VERSIONS",
    "Acknowledgement",
    "ArrangementForm",
    "BodyId",
    "CoverageCertificate",
    "DataProtection",
    "DecisionNotification",
    "FormModel",
    "InsurancePeriods",
    "InvalidityMedicalReport",
    "LifeCertificate",
    "MessageId",
    "PensionClaim",
    "PeriodsRequest",
    "Retention",
    "field_paths",
    "form_json_schema",
    "form_model",
    "party_of",
    "retention_end",
]

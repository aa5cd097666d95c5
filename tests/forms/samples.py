"""One valid document of each form, as JSON-like data (the shape an envelope's payload has)."""

from typing import Any

PERSON = {
    "identifier": "12 345678 A 901",
    "surname": "Schmidt",
    "forenames": "Anna Maria",
    "birth_date": "1970-03-14",
    "sex": "female",
    "nationalities": ["DE"],
    "residence": {"lines": ["Hauptstraße 1"], "postcode": "10115", "place": "Berlin", "country": "DE"},
}
IDENTITY = {k: PERSON[k] for k in ("identifier", "surname", "forenames", "birth_date")}
DRV = {"body": "DE:drv", "name": "Deutsche Rentenversicherung"}
EPFO = {"body": "IN:epfo", "name": "Employees' Provident Fund Organisation"}

SAMPLES: dict[str, dict[str, Any]] = {
    "coverage_certificate": {
        "person": PERSON,
        "legislation": {
            "party": "DE",
            "start": "2024-01-01",
            "end": "2027-12-31",
            "article": {"instrument": "in-de", "article": "Art. 7"},
            "rule": "posting",
        },
        "status": "posted_employed",
        "employer": {"name": "Beispiel GmbH", "identifier": "HRB 1234", "address": PERSON["residence"]},
        "places_of_work": [{"name": "Beispiel India Pvt Ltd", "country": "IN"}],
        "institution": {**DRV, "issued": "2023-11-20", "certificate_number": "DE-A1-2023-0001"},
    },
    "insurance_periods": {
        "person": IDENTITY,
        "institution": DRV,
        "party": "DE",
        "periods": [
            {"start": "1990-01-01", "end": "1999-12-31", "kind": "insurance", "unit": "months", "quantity": "120"},
            {
                "start": "2000-01-01",
                "end": "2000-12-31",
                "kind": "credited",
                "unit": "days",
                "quantity": "366",
                "earnings": "30000.00",
                "currency": "EUR",
            },
        ],
        "totals": [
            {"kind": "insurance", "unit": "months", "quantity": "120"},
            {"kind": "credited", "unit": "days", "quantity": "366"},
        ],
    },
    "periods_request": {
        "person": IDENTITY,
        "institution": EPFO,
        "branch": "old_age",
        "claim_date": "2035-03-01",
        "reason": "claim",
    },
    "pension_claim": {
        "person": PERSON,
        "branch": "old_age",
        "claim_date": "2035-03-01",
        "residence": "DE",
        "lodged_with": DRV,
        "other_parties": ["IN"],
    },
    "invalidity_medical_report": {
        "person": IDENTITY,
        "examiner": {"name": "Dr. R. Iyer", "qualification": "occupational medicine", "institution": EPFO},
        "examination_date": "2030-05-02",
        "findings": "Reduced grip strength in both hands.\nCannot stand for long.",
        "incapacity": {"stated": "50 %", "percent": "50"},
    },
    "life_certificate": {
        "person": IDENTITY,
        "seen_alive_on": "2036-01-15",
        "witnessed_by": {"name": "P. Sharma", "capacity": "officer of the institution", "body": "IN:epfo"},
        "place": {"place": "Bengaluru", "country": "IN"},
    },
    "decision_notification": {
        "person": IDENTITY,
        "institution": DRV,
        "decision_date": "2035-06-01",
        "branch": "old_age",
        "claim_date": "2035-03-01",
        "entitled": True,
        "amount": {"amount": "512.34", "currency": "EUR", "frequency": "monthly"},
        "articles": [{"instrument": "in-de", "article": "Art. 11"}],
        "periods": {"own_months": "120", "foreign_months": "240", "totalized_months": "360"},
        "appeal": {"body": "Widerspruchsstelle der Deutschen Rentenversicherung", "time_limit": "one month"},
    },
    "acknowledgement": {
        "acknowledged": "3f0c8c1e-4b7a-4d2e-9a41-0e5b7c6d8f90",
        "received": "2035-06-02T09:30:00Z",
        "status": "accepted",
    },
}

"""The domain vocabulary in words, shared by every area's pages (translated where shown)."""

from coordina.domain.vocabulary import Branch
from coordina.web.i18n import N_

# the nine branches of ILO Convention No. 102, Parts II to X
BRANCHES: dict[str, str] = {  # keyed by Branch members, which are their own values
    Branch.medical_care: N_("Medical care"),
    Branch.sickness: N_("Sickness benefit"),
    Branch.unemployment: N_("Unemployment benefit"),
    Branch.old_age: N_("Old-age benefit"),
    Branch.employment_injury: N_("Employment injury benefit"),
    Branch.family: N_("Family benefit"),
    Branch.maternity: N_("Maternity benefit"),
    Branch.invalidity: N_("Invalidity benefit"),
    Branch.survivors: N_("Survivors' benefit"),
}

"""The calculator's choices in words: branches (ILO C102 Parts II-X), kinds of period,
activities, the person's status and sex, as the domain vocabulary names them."""

from coordina.web.i18n import N_

KINDS = {
    "insurance": N_("Insurance"),
    "employment": N_("Employment"),
    "self_employment": N_("Self-employment"),
    "residence": N_("Residence"),
    "credited": N_("Credited period"),
}
ACTIVITIES = {
    "employed": N_("Employed"),
    "self_employed": N_("Self-employed"),
    "posted": N_("Posted by an employer"),
    "seafarer": N_("Seafarer"),
    "air_crew": N_("Air crew"),
    "diplomatic": N_("Diplomatic or consular staff"),
    "civil_servant": N_("Civil servant"),
}
STATUSES = {"none": N_("None"), "refugee": N_("Refugee"), "stateless": N_("Stateless person")}
SEXES = {"": N_("Not recorded"), "men": N_("Man"), "women": N_("Woman")}

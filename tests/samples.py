"""Sample postings shared by the lint tests."""

# A plain posting of ~330 words that passes every rule (with no company, pay laws are not
# checked): the baseline each rule test changes one thing in.
GOOD = """# Data Engineer

**Acme** · Denver, CO · Full-time

## About Acme

Acme makes software that helps small farms plan their water use. We are a team of forty
people. We work together across two offices and support each other in our work.

## The role

You will build the data pipelines that feed our forecasts. You will work with growers,
scientists and engineers to understand what each field needs. You will keep our data clean,
tested and easy to trust.

## What you will do

- Build and run batch and streaming pipelines in Python and SQL.
- Write tests and checks that catch bad data before it reaches a forecast.
- Work with scientists to turn new data sources into tables they can use.
- Keep costs in view and tidy up what we no longer need.
- Write clear notes so the next person can pick up your work.

## What you bring

- Experience building data pipelines in Python and SQL.
- Comfort with a cloud data warehouse such as BigQuery or Snowflake.
- Care for data quality, with tests and monitoring you set up yourself.
- Clear writing, and patience when you explain your work to others.

## Nice to have

- Experience with weather or satellite data.
- Some time spent on a farm, or in another field job.

## Pay

- $120,000 – $150,000 per year, with stock options.

## Benefits

- Health, dental and vision insurance, fully paid for you and your family.
- Twenty days of paid time off, plus public holidays.
- Sixteen weeks of paid parental leave.
- A yearly budget of $1,500 for courses and books.

## How to apply

Apply on our careers page with your resume and a short note about a data problem you solved.
We reply to every application within ten working days. Applications close January 15, 2027.

## Equal opportunity

Acme is an equal opportunity employer. We welcome people of every background, and we will
make any adjustment you need to apply or to interview with us. Tell us what would help.
"""


def profile(
    name: str = "Kieferwerk",
    *,
    work_model: str = "hybrid",
    locations: str = "  - {city: Berlin, country: DE}",
    remote_regions: str = "",
    currency: str = "EUR",
    employees: int = 80,
    extra: str = "",
) -> str:
    """A small, valid company profile with offices and remote regions of a test's choosing;
    `extra` adds top-level YAML (a `hiring:` block, say)."""
    regions = f"remote_regions: {remote_regions}\n" if remote_regions else ""
    return f"""\
name: {name}
stage: growth
industry: Industrial sensors
website: https://{name.lower()}.example
employees: {employees}
about: {name} makes sensors that tell a factory when a machine needs care.
mission: Fewer broken machines.
benefits:
  - Thirty days of paid leave.
work_model: {work_model}
{regions}locations:
{locations}
pay:
  ai-ml-engineer:
    currency: {currency}
    min: 70000
    max: 95000
    period: year
apply:
  url: https://{name.lower()}.example/jobs/
brand: {{color: "#1F4E79", font: Inter}}
equal_opportunity: We welcome applications from everyone.
{extra}"""

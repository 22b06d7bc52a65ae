"""Checks nais/app.yaml, rendered with each cluster's variables, against the variables the service
reads (from print_config_variables: NAME<TAB>default, default empty when production must set it):
every variable without a default is injected by the platform or set in env, every env entry is a
variable the service reads, the probes and metrics paths are the service's, and nais/README.md
names every variable the service reads.

Usage: manifest_check.py <print_config_variables binary> <repository root>
"""
import pathlib
import re
import subprocess
import sys

import yaml

# What the platform injects per feature of the manifest (its reference documentation).
ALWAYS = {"NAIS_APP_NAME", "NAIS_NAMESPACE", "NAIS_CLUSTER_NAME", "NAIS_APP_IMAGE", "NAIS_CLIENT_ID"}
AZURE = {"AZURE_APP_CLIENT_ID", "AZURE_APP_CLIENT_SECRET", "AZURE_APP_WELL_KNOWN_URL", "AZURE_OPENID_CONFIG_ISSUER",
         "AZURE_OPENID_CONFIG_JWKS_URI", "AZURE_OPENID_CONFIG_TOKEN_ENDPOINT"}
TOKENX = {"TOKEN_X_CLIENT_ID", "TOKEN_X_WELL_KNOWN_URL", "TOKEN_X_ISSUER", "TOKEN_X_JWKS_URI", "TOKEN_X_PRIVATE_JWK",
          "TOKEN_X_TOKEN_ENDPOINT"}
KAFKA = {"KAFKA_BROKERS", "KAFKA_SCHEMA_REGISTRY", "KAFKA_SCHEMA_REGISTRY_USER", "KAFKA_SCHEMA_REGISTRY_PASSWORD",
         "KAFKA_CERTIFICATE", "KAFKA_CERTIFICATE_PATH", "KAFKA_PRIVATE_KEY", "KAFKA_PRIVATE_KEY_PATH", "KAFKA_CA",
         "KAFKA_CA_PATH", "KAFKA_CREDSTORE_PASSWORD", "KAFKA_KEYSTORE_PATH", "KAFKA_TRUSTSTORE_PATH"}
SQL_SUFFIXES = ["HOST", "PORT", "DATABASE", "USERNAME", "PASSWORD", "URL", "JDBC_URL", "SSLROOTCERT", "SSLCERT",
                "SSLKEY", "SSLKEY_PK8", "SSLMODE"]

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def render(template, variables, where):
    def value(m):
        name = m.group(1)
        if name not in variables:
            failures.append(f"{where}: no value for {{{{ {name} }}}}")
            return "MISSING"
        return str(variables[name]).lower() if isinstance(variables[name], bool) else str(variables[name])
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", value, template)


def injected(spec, app_name):
    out = set(ALWAYS)
    if spec.get("azure", {}).get("application", {}).get("enabled"):
        out |= AZURE
    if spec.get("tokenx", {}).get("enabled"):
        out |= TOKENX
    if spec.get("kafka", {}).get("pool"):
        out |= KAFKA
    for instance in spec.get("gcp", {}).get("sqlInstances", []):
        for db in instance.get("databases", []):
            prefix = db.get("envVarPrefix") or "NAIS_DATABASE_{}_{}".format(
                instance.get("name", app_name), db["name"]).upper().replace("-", "_")
            out |= {f"{prefix}_{s}" for s in SQL_SUFFIXES}
    return out


def main():
    binary, root = sys.argv[1], pathlib.Path(sys.argv[2])
    listing = subprocess.run([binary], check=True, capture_output=True, text=True).stdout
    service = dict(line.split("\t", 1) for line in listing.splitlines() if line)
    check(len(service) > 20, f"only {len(service)} variables from {binary}")
    required = {name for name, default in service.items() if not default}

    template = (root / "nais/app.yaml").read_text()
    for cluster in ["dev-gcp", "prod-gcp"]:
        variables = yaml.safe_load((root / f"nais/{cluster}.yaml").read_text())
        variables["image"] = "registry.example/rekrutteringstreff:test"  # the deploy step's
        app = yaml.safe_load(render(template, variables, cluster))
        where = f"nais/app.yaml with nais/{cluster}.yaml"
        check(app["apiVersion"] == "nais.io/v1alpha1" and app["kind"] == "Application", f"{where}: not an Application")
        spec = app["spec"]
        env = {e["name"]: e.get("value") for e in spec.get("env", [])}
        provided = injected(spec, app["metadata"]["name"]) | set(env)

        missing = sorted(required - provided)
        check(not missing, f"{where}: the service needs these, but the manifest neither injects nor sets them: {missing}")
        unknown = sorted(set(env) - set(service))
        check(not unknown, f"{where}: env entries the service does not read: {unknown}")
        empty = sorted(n for n, v in env.items() if v in (None, ""))
        check(not empty, f"{where}: env entries without a value: {empty}")

        port = int(env.get("HTTP_PORT") or service["HTTP_PORT"])
        check(spec.get("port") == port, f"{where}: spec.port {spec.get('port')} is not the service's port {port}")
        check(spec["liveness"]["path"] == "/isalive", f"{where}: liveness is not /isalive")
        check(spec["readiness"]["path"] == "/isready", f"{where}: readiness is not /isready")
        check(spec["prometheus"] == {"enabled": True, "path": "/metrics"}, f"{where}: metrics are not /metrics")
        check(spec["replicas"]["min"] >= 2, f"{where}: fewer than two replicas")
        check("memory" in spec["resources"]["requests"] and "memory" in spec["resources"]["limits"],
              f"{where}: memory request and limit must be set")
        groups = {g["id"] for g in spec["azure"]["application"]["claims"]["groups"]}
        roles = {env.get(n) for n in ["REKRUTTERINGSBISTAND_ARBEIDSGIVERRETTET", "REKRUTTERINGSBISTAND_JOBBSOKERRETTET",
                                      "REKRUTTERINGSBISTAND_UTVIKLER"]}
        check(groups == roles, f"{where}: the groups in azure claims {groups} are not the roles' groups {roles}")
        inbound = {r["application"] for r in spec["accessPolicy"]["inbound"]["rules"]}
        check("rekrutteringsbistand-frontend" in inbound, f"{where}: the frontend may not call in")

    readme = (root / "nais/README.md").read_text()
    undocumented = sorted(n for n in service if f"`{n}`" not in readme)
    check(not undocumented, f"nais/README.md does not name: {undocumented}")

    if failures:
        print("FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)
    print(f"nais/app.yaml: all {len(service)} variables the service reads are injected, set or defaulted "
          f"({len(required)} without a default), in dev-gcp and prod-gcp")


main()

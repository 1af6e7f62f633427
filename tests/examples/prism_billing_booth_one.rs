//! Every Billing Booth One operation beyond the first four, sent to Prism by `prism.rs`: one call per
//! operation, with the required inputs only. Written by `generator/scripts/prism_calls.py` from the spec and the generated module
//! (bodies are the smallest values their schemas accept: required properties only, an enum's first value;
//! the two multipart uploads are written by hand); run the script again after changing the spec.

use super::Tally;
use billing_clients::billing_booth_one::{Client, UploadCdrForm, UploadServiceFileForm};
use billing_clients::runtime::FilePart;
use serde_json::{Value, json};

/// A typed input from JSON: the argument's own type is inferred from the method it is passed to.
fn v<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(value)
}

/// Sends every call in turn; a value that does not fit its type stops the run with the reason.
pub async fn send_all(client: &Client, tally: &mut Tally) -> Result<(), serde_json::Error> {
    tally.record(
        "listSupportAttachments",
        client.list_support_attachments().await,
    );
    tally.record(
        "deleteSupportAttachments",
        client.delete_support_attachments(v(json!({}))?).await,
    );
    tally.record(
        "deleteSupportAttachment",
        client.delete_support_attachment(1).await,
    );
    tally.record(
        "downloadSupportAttachment",
        client.download_support_attachment(1).await,
    );
    tally.record("getAccountAnalytics", client.get_account_analytics().await);
    tally.record("listActiveCharges", client.list_active_charges().await);
    tally.record(
        "getChargesForReconciliation",
        client.get_charges_for_reconciliation().await,
    );
    tally.record("listSingleCharges", client.list_single_charges().await);
    tally.record(
        "listTerminatingCharges",
        client.list_terminating_charges().await,
    );
    tally.record("getCustomerGrowth", client.get_customer_growth().await);
    tally.record(
        "listCustomerBalances",
        client.list_customer_balances().await,
    );
    tally.record(
        "listCustomerTransactions",
        client.list_customer_transactions().await,
    );
    tally.record(
        "listCustomerTransactionsByCursor",
        client.list_customer_transactions_by_cursor().await,
    );
    tally.record(
        "listCustomerMetadataReport",
        client.list_customer_metadata_report().await,
    );
    tally.record("listCustomerTariffs", client.list_customer_tariffs().await);
    tally.record(
        "listCustomersWithCancelledMandates",
        client.list_customers_with_cancelled_mandates().await,
    );
    tally.record(
        "listCustomersWithMandates",
        client.list_customers_with_mandates().await,
    );
    tally.record(
        "listCustomersWithoutInvoices",
        client.list_customers_without_invoices().await,
    );
    tally.record(
        "listCustomersWithoutMandates",
        client.list_customers_without_mandates().await,
    );
    tally.record("getInvoiceCount", client.get_invoice_count().await);
    tally.record(
        "getInvoiceAmountByStatus",
        client.get_invoice_amount_by_status().await,
    );
    tally.record(
        "getInvoiceSettlementLag",
        client.get_invoice_settlement_lag().await,
    );
    tally.record("getPaymentBreakdown", client.get_payment_breakdown().await);
    tally.record("getPaymentReport", client.get_payment_report().await);
    tally.record(
        "getProductPricingReport",
        client.get_product_pricing_report().await,
    );
    tally.record("getRevenue", client.get_revenue().await);
    tally.record(
        "getBottomCustomersByProfit",
        client.get_bottom_customers_by_profit().await,
    );
    tally.record(
        "getBottomCustomersByRevenue",
        client.get_bottom_customers_by_revenue().await,
    );
    tally.record(
        "getRevenueByCategory",
        client.get_revenue_by_category().await,
    );
    tally.record("getAgedDebtors", client.get_aged_debtors().await);
    tally.record("getRevenueEstimate", client.get_revenue_estimate().await);
    tally.record("getLifetimeRevenue", client.get_lifetime_revenue(1).await);
    tally.record("getRevenueMargin", client.get_revenue_margin().await);
    tally.record("getRevenueByProduct", client.get_revenue_by_product().await);
    tally.record(
        "getRevenueByProductAndCustomer",
        client.get_revenue_by_product_and_customer().await,
    );
    tally.record(
        "getRevenueBySettlementType",
        client.get_revenue_by_settlement_type().await,
    );
    tally.record(
        "getRevenueBySupplier",
        client.get_revenue_by_supplier().await,
    );
    tally.record(
        "getTopCustomersByProfit",
        client.get_top_customers_by_profit().await,
    );
    tally.record(
        "getTopCustomersByRevenue",
        client.get_top_customers_by_revenue().await,
    );
    tally.record("listAuditEntries", client.list_audit_entries().await);
    tally.record(
        "listAutoCollectionEndpoints",
        client.list_auto_collection_endpoints().await,
    );
    tally.record("createAutoCollectionEndpoint", client.create_auto_collection_endpoint(v(json!({"name": "x", "address": "x", "authentication_mode": "password", "username": "x", "password": "x", "protocol": "ftp", "frequency": "hourly", "supplier_id": 1}))?).await);
    tally.record(
        "deleteAutoCollectionEndpoints",
        client.delete_auto_collection_endpoints(v(json!({}))?).await,
    );
    tally.record(
        "disableAutoCollectionEndpoints",
        client
            .disable_auto_collection_endpoints(v(json!({}))?)
            .await,
    );
    tally.record(
        "enableAutoCollectionEndpoints",
        client.enable_auto_collection_endpoints(v(json!({}))?).await,
    );
    tally.record(
        "getAutoCollectionEndpoint",
        client.get_auto_collection_endpoint(1).await,
    );
    tally.record("updateAutoCollectionEndpoint", client.update_auto_collection_endpoint(1, v(json!({"name": "x", "address": "x", "authentication_mode": "password", "username": "x", "password": "x", "protocol": "ftp", "frequency": "hourly", "supplier_id": 1}))?).await);
    tally.record(
        "deleteAutoCollectionEndpoint",
        client.delete_auto_collection_endpoint(1).await,
    );
    tally.record(
        "checkAutoCollectionEndpoint",
        client.check_auto_collection_endpoint(1).await,
    );
    tally.record(
        "disableAutoCollectionEndpoint",
        client.disable_auto_collection_endpoint(1).await,
    );
    tally.record(
        "enableAutoCollectionEndpoint",
        client.enable_auto_collection_endpoint(1).await,
    );
    tally.record(
        "listAutoCollectionHistory",
        client.list_auto_collection_history().await,
    );
    tally.record(
        "deleteAutoCollectionHistoryEntries",
        client
            .delete_auto_collection_history_entries(v(json!({}))?)
            .await,
    );
    tally.record(
        "deleteAutoCollectionHistoryEntry",
        client.delete_auto_collection_history_entry(1).await,
    );
    tally.record("listBillingRuns", client.list_billing_runs().await);
    tally.record("previewBillingRun", client.preview_billing_run().await);
    tally.record(
        "previewBillingRunDetailed",
        client.preview_billing_run_detailed().await,
    );
    tally.record(
        "getBillingRunByInvoice",
        client.get_billing_run_by_invoice(1).await,
    );
    tally.record(
        "startBillingRun",
        client
            .start_billing_run(v(
                json!({"billing_period": "2024-01-31", "issue_date": "2024-01-31"}),
            )?)
            .await,
    );
    tally.record("getBillingRun", client.get_billing_run(1).await);
    tally.record("listBundles", client.list_bundles().await);
    tally.record(
        "createBundle",
        client
            .create_bundle(v(json!({"name": "x", "mode": "allowance"}))?)
            .await,
    );
    tally.record("deleteBundles", client.delete_bundles(v(json!({}))?).await);
    tally.record("getBundleUsage", client.get_bundle_usage().await);
    tally.record(
        "getCustomerBundleUsage",
        client.get_customer_bundle_usage(1).await,
    );
    tally.record(
        "listBundleAllowances",
        client.list_bundle_allowances(1).await,
    );
    tally.record(
        "createBundleAllowance",
        client
            .create_bundle_allowance(1, v(json!({"quantity": 1.5, "unit_type": "voice"}))?)
            .await,
    );
    tally.record(
        "deleteBundleAllowances",
        client.delete_bundle_allowances(1, v(json!({}))?).await,
    );
    tally.record(
        "getBundleAllowance",
        client.get_bundle_allowance(1, 1).await,
    );
    tally.record(
        "updateBundleAllowance",
        client
            .update_bundle_allowance(1, 1, v(json!({"quantity": 1.5, "unit_type": "voice"}))?)
            .await,
    );
    tally.record(
        "deleteBundleAllowance",
        client.delete_bundle_allowance(1, 1).await,
    );
    tally.record("getBundle", client.get_bundle(1).await);
    tally.record(
        "updateBundle",
        client
            .update_bundle(1, v(json!({"name": "x", "mode": "allowance"}))?)
            .await,
    );
    tally.record("deleteBundle", client.delete_bundle(1).await);
    tally.record("listCategories", client.list_categories().await);
    tally.record(
        "createCategory",
        client.create_category(v(json!({"name": "x"}))?).await,
    );
    tally.record(
        "deleteCategories",
        client.delete_categories(v(json!({}))?).await,
    );
    tally.record("getCategory", client.get_category(1).await);
    tally.record(
        "updateCategory",
        client.update_category(1, v(json!({"name": "x"}))?).await,
    );
    tally.record("deleteCategory", client.delete_category(1).await);
    tally.record("listCdrs", client.list_cdrs().await);
    tally.record(
        "uploadCdr",
        client
            .upload_cdr(UploadCdrForm {
                file: FilePart::new("x"),
            })
            .await,
    );
    tally.record("deleteCdrs", client.delete_cdrs(v(json!({}))?).await);
    tally.record("getCdrActionStatus", client.get_cdr_action_status().await);
    tally.record("listCdrCliOrphans", client.list_cdr_cli_orphans().await);
    tally.record(
        "countCdrDestinationOrphans",
        client.count_cdr_destination_orphans().await,
    );
    tally.record(
        "listCdrDestinationOrphans",
        client.list_cdr_destination_orphans().await,
    );
    tally.record("getCdrSummary", client.get_cdr_summary().await);
    tally.record(
        "getCdrSummaryByCustomer",
        client.get_cdr_summary_by_customer().await,
    );
    tally.record(
        "getCdrSummaryByDestination",
        client.get_cdr_summary_by_destination().await,
    );
    tally.record(
        "getCdrSummaryBySupplier",
        client.get_cdr_summary_by_supplier().await,
    );
    tally.record(
        "applyCdrPricing",
        client.apply_cdr_pricing(v(json!({}))?).await,
    );
    tally.record("listCdrRecords", client.list_cdr_records().await);
    tally.record("getCdrRecord", client.get_cdr_record(1).await);
    tally.record("deleteCdr", client.delete_cdr(1).await);
    tally.record("downloadCdr", client.download_cdr(1).await);
    tally.record("getCdrSettings", client.get_cdr_settings(1).await);
    tally.record(
        "updateCdrSettings",
        client
            .update_cdr_settings(1, v(json!({"display_mode": "cli"}))?)
            .await,
    );
    tally.record("deleteCdrSettings", client.delete_cdr_settings(1).await);
    tally.record("listChargeImports", client.list_charge_imports().await);
    tally.record(
        "deleteChargeImports",
        client.delete_charge_imports(v(json!({}))?).await,
    );
    tally.record("importCharges", client.import_charges(v(json!({}))?).await);
    tally.record("deleteChargeImport", client.delete_charge_import(1).await);
    tally.record("listClis", client.list_clis().await);
    tally.record(
        "createCli",
        client
            .create_cli(v(
                json!({"identifier": "x", "cli_type_id": 1, "customer_id": 1}),
            )?)
            .await,
    );
    tally.record("deleteClis", client.delete_clis(v(json!({}))?).await);
    tally.record(
        "createClis",
        client.create_clis(v(json!({"identifiers": ["x"]}))?).await,
    );
    tally.record("importClis", client.import_clis(v(json!({}))?).await);
    tally.record(
        "getCliByIdentifier",
        client.get_cli_by_identifier("x").await,
    );
    tally.record("moveClis", client.move_clis(v(json!({}))?).await);
    tally.record("listCliTypes", client.list_cli_types().await);
    tally.record(
        "createCliType",
        client.create_cli_type(v(json!({"name": "x"}))?).await,
    );
    tally.record(
        "deleteCliTypes",
        client.delete_cli_types(v(json!({}))?).await,
    );
    tally.record("getCliType", client.get_cli_type(1).await);
    tally.record(
        "updateCliType",
        client.update_cli_type(1, v(json!({"name": "x"}))?).await,
    );
    tally.record("deleteCliType", client.delete_cli_type(1).await);
    tally.record("getCli", client.get_cli(1).await);
    tally.record(
        "updateCli",
        client
            .update_cli(
                1,
                v(json!({"identifier": "x", "cli_type_id": 1, "customer_id": 1}))?,
            )
            .await,
    );
    tally.record("deleteCli", client.delete_cli(1).await);
    tally.record("listCommissionPlans", client.list_commission_plans().await);
    tally.record(
        "createCommissionPlan",
        client
            .create_commission_plan(v(
                json!({"name": "x", "type": "salePrice", "items": [{}], "bands": [{}]}),
            )?)
            .await,
    );
    tally.record(
        "deleteCommissionPlans",
        client.delete_commission_plans(v(json!({}))?).await,
    );
    tally.record("getCommissionPlan", client.get_commission_plan(1).await);
    tally.record(
        "updateCommissionPlan",
        client
            .update_commission_plan(
                1,
                v(json!({"name": "x", "type": "salePrice", "items": [{}], "bands": [{}]}))?,
            )
            .await,
    );
    tally.record(
        "deleteCommissionPlan",
        client.delete_commission_plan(1).await,
    );
    tally.record("listContacts", client.list_contacts().await);
    tally.record(
        "createContact",
        client
            .create_contact(v(json!({"email": "ops@example.com"}))?)
            .await,
    );
    tally.record(
        "deleteContacts",
        client.delete_contacts(v(json!({}))?).await,
    );
    tally.record("getContact", client.get_contact(1).await);
    tally.record(
        "updateContact",
        client
            .update_contact(1, v(json!({"email": "ops@example.com"}))?)
            .await,
    );
    tally.record("deleteContact", client.delete_contact(1).await);
    tally.record("listAllCreditNotes", client.list_all_credit_notes().await);
    tally.record("listCustomers", client.list_customers().await);
    tally.record(
        "createCustomer",
        client
            .create_customer(v(
                json!({"name": "x", "customer_group_id": 1, "organisation_id": 1}),
            )?)
            .await,
    );
    tally.record(
        "deleteCustomers",
        client.delete_customers(v(json!({}))?).await,
    );
    tally.record(
        "activateCustomers",
        client.activate_customers(v(json!({}))?).await,
    );
    tally.record(
        "createCustomers",
        client.create_customers(v(json!({}))?).await,
    );
    tally.record(
        "cancelCustomers",
        client.cancel_customers(v(json!({}))?).await,
    );
    tally.record(
        "getCustomerByReference",
        client.get_customer_by_reference("x").await,
    );
    tally.record(
        "suspendCustomers",
        client.suspend_customers(v(json!({}))?).await,
    );
    tally.record(
        "applyCustomerTags",
        client
            .apply_customer_tags(v(json!({"customer_ids": [1]}))?)
            .await,
    );
    tally.record(
        "removeCustomerTags",
        client
            .remove_customer_tags(v(json!({"customer_ids": [1]}))?)
            .await,
    );
    tally.record(
        "deleteCustomerAccess",
        client.delete_customer_access(1, v(json!({}))?).await,
    );
    tally.record(
        "suspendCustomerAccess",
        client.suspend_customer_access(1, v(json!({}))?).await,
    );
    tally.record(
        "getCustomerAccessUser",
        client.get_customer_access_user(1, 1).await,
    );
    tally.record(
        "deleteCustomerAccessUser",
        client.delete_customer_access_user(1, 1).await,
    );
    tally.record(
        "reactivateCustomerAccessUser",
        client.reactivate_customer_access_user(1, 1).await,
    );
    tally.record(
        "resendCustomerAccessInvitation",
        client.resend_customer_access_invitation(1, 1).await,
    );
    tally.record(
        "suspendCustomerAccessUser",
        client.suspend_customer_access_user(1, 1).await,
    );
    tally.record("listCustomerBundles", client.list_customer_bundles(1).await);
    tally.record(
        "createCustomerBundle",
        client
            .create_customer_bundle(
                1,
                v(json!({"start_at": "2024-01-31", "quantity": 1.5, "bundle_id": 1}))?,
            )
            .await,
    );
    tally.record(
        "deleteCustomerBundles",
        client.delete_customer_bundles(1, v(json!({}))?).await,
    );
    tally.record("getCustomerBundle", client.get_customer_bundle(1, 1).await);
    tally.record(
        "updateCustomerBundle",
        client
            .update_customer_bundle(
                1,
                1,
                v(json!({"start_at": "2024-01-31", "quantity": 1.5, "bundle_id": 1}))?,
            )
            .await,
    );
    tally.record(
        "deleteCustomerBundle",
        client.delete_customer_bundle(1, 1).await,
    );
    tally.record("exportCustomerCdrs", client.export_customer_cdrs(1).await);
    tally.record("listCharges", client.list_charges(1).await);
    tally.record(
        "createCharge",
        client
            .create_charge(1, v(json!({"start_at": "2024-01-31", "quantity": 1.5}))?)
            .await,
    );
    tally.record(
        "deleteCharges",
        client.delete_charges(1, v(json!({}))?).await,
    );
    tally.record(
        "cancelCharges",
        client.cancel_charges(1, v(json!({}))?).await,
    );
    tally.record(
        "reactivateCharges",
        client.reactivate_charges(1, v(json!({}))?).await,
    );
    tally.record(
        "terminateCharges",
        client.terminate_charges(1, v(json!({"id": [1]}))?).await,
    );
    tally.record(
        "terminateChargesEarly",
        client
            .terminate_charges_early(1, v(json!({"id": [1]}))?)
            .await,
    );
    tally.record(
        "previewEarlyTermination",
        client
            .preview_early_termination(1, v(json!({"id": [1]}))?)
            .await,
    );
    tally.record("getCharge", client.get_charge(1, 1).await);
    tally.record(
        "updateCharge",
        client
            .update_charge(1, 1, v(json!({"start_at": "2024-01-31", "quantity": 1.5}))?)
            .await,
    );
    tally.record("deleteCharge", client.delete_charge(1, 1).await);
    tally.record("updateClis", client.update_clis(1, v(json!({}))?).await);
    tally.record("listCostCentres", client.list_cost_centres(1).await);
    tally.record(
        "createCostCentre",
        client.create_cost_centre(1, v(json!({"name": "x"}))?).await,
    );
    tally.record(
        "deleteCostCentres",
        client.delete_cost_centres(1, v(json!({}))?).await,
    );
    tally.record("getCostCentre", client.get_cost_centre(1, 1).await);
    tally.record(
        "updateCostCentre",
        client
            .update_cost_centre(1, 1, v(json!({"name": "x"}))?)
            .await,
    );
    tally.record("deleteCostCentre", client.delete_cost_centre(1, 1).await);
    tally.record("listCreditNotes", client.list_credit_notes(1).await);
    tally.record(
        "createCreditNote",
        client
            .create_credit_note(1, v(json!({"credit_date": "2024-01-31"}))?)
            .await,
    );
    tally.record(
        "deleteCreditNotes",
        client.delete_credit_notes(1, v(json!({}))?).await,
    );
    tally.record(
        "sendCreditNotes",
        client.send_credit_notes(1, v(json!({"id": [1]}))?).await,
    );
    tally.record("getCreditNote", client.get_credit_note(1, 1).await);
    tally.record("deleteCreditNote", client.delete_credit_note(1, 1).await);
    tally.record("getCreditNotePdf", client.get_credit_note_pdf(1, 1).await);
    tally.record(
        "sendCreditNote",
        client.send_credit_note(1, 1, v(json!({"id": [1]}))?).await,
    );
    tally.record("listLedgerEntries", client.list_ledger_entries(1).await);
    tally.record(
        "createLedgerEntry",
        client
            .create_ledger_entry(
                1,
                v(json!({"date": "2024-01-31", "amount": 1.5, "ledger_entry_type_id": 1}))?,
            )
            .await,
    );
    tally.record("getLedgerBalance", client.get_ledger_balance(1).await);
    tally.record("getLedgerStatement", client.get_ledger_statement(1).await);
    tally.record(
        "listUnallocatedCredits",
        client.list_unallocated_credits(1).await,
    );
    tally.record(
        "reverseLedgerEntry",
        client.reverse_ledger_entry(1, 1).await,
    );
    tally.record(
        "createCustomerMetadata",
        client.create_customer_metadata(1, v(json!({}))?).await,
    );
    tally.record(
        "getCustomerMetadata",
        client.get_customer_metadata(1, "x").await,
    );
    tally.record(
        "deleteCustomerMetadata",
        client.delete_customer_metadata(1, "x").await,
    );
    tally.record("listCustomerNotes", client.list_customer_notes(1).await);
    tally.record(
        "createNote",
        client.create_note(1, v(json!({"content": "x"}))?).await,
    );
    tally.record("deleteNotes", client.delete_notes(1, v(json!({}))?).await);
    tally.record("getNote", client.get_note(1, 1).await);
    tally.record(
        "updateNote",
        client.update_note(1, 1, v(json!({"content": "x"}))?).await,
    );
    tally.record("deleteNote", client.delete_note(1, 1).await);
    tally.record("getCustomer", client.get_customer(1).await);
    tally.record(
        "updateCustomer",
        client
            .update_customer(
                1,
                v(json!({"name": "x", "customer_group_id": 1, "organisation_id": 1}))?,
            )
            .await,
    );
    tally.record("deleteCustomer", client.delete_customer(1).await);
    tally.record("activateCustomer", client.activate_customer(1).await);
    tally.record("cancelCustomer", client.cancel_customer(1).await);
    tally.record("suspendCustomer", client.suspend_customer(1).await);
    tally.record(
        "getCustomerCommissionSettings",
        client.get_customer_commission_settings(1).await,
    );
    tally.record(
        "updateCustomerCommissionSettings",
        client
            .update_customer_commission_settings(1, v(json!({}))?)
            .await,
    );
    tally.record(
        "listReferralCustomers",
        client.list_referral_customers(1).await,
    );
    tally.record(
        "createReferralCustomer",
        client
            .create_referral_customer(1, v(json!({"customer_id": 1, "commission_plan_id": 1}))?)
            .await,
    );
    tally.record(
        "deleteReferralCustomers",
        client.delete_referral_customers(1, v(json!({}))?).await,
    );
    tally.record(
        "downloadCommissionReport",
        client.download_commission_report(1).await,
    );
    tally.record("getCommissionReport", client.get_commission_report(1).await);
    tally.record(
        "sendCommissionReport",
        client
            .send_commission_report(1, v(json!({"billing_period": "2024-01-31"}))?)
            .await,
    );
    tally.record("listCustomerGroups", client.list_customer_groups().await);
    tally.record("createCustomerGroup", client.create_customer_group(v(json!({"name": "x", "billing_type": "manual", "billing_period": "monthly", "method": "standard"}))?).await);
    tally.record(
        "deleteCustomerGroups",
        client.delete_customer_groups(v(json!({}))?).await,
    );
    tally.record("getCustomerGroup", client.get_customer_group(1).await);
    tally.record("updateCustomerGroup", client.update_customer_group(1, v(json!({"name": "x", "billing_type": "manual", "billing_period": "monthly", "method": "standard"}))?).await);
    tally.record("deleteCustomerGroup", client.delete_customer_group(1).await);
    tally.record("listDestinations", client.list_destinations().await);
    tally.record(
        "createDestination",
        client.create_destination(v(json!({}))?).await,
    );
    tally.record(
        "deleteDestinations",
        client.delete_destinations(v(json!({}))?).await,
    );
    tally.record(
        "createDestinations",
        client.create_destinations(v(json!({}))?).await,
    );
    tally.record(
        "updateDestinationPricing",
        client.update_destination_pricing(v(json!({}))?).await,
    );
    tally.record(
        "clearDestinations",
        client.clear_destinations(v(json!({}))?).await,
    );
    tally.record("getDestination", client.get_destination(1).await);
    tally.record(
        "updateDestination",
        client.update_destination(1, v(json!({}))?).await,
    );
    tally.record("deleteDestination", client.delete_destination(1).await);
    tally.record(
        "listDestinationGroups",
        client.list_destination_groups().await,
    );
    tally.record(
        "createDestinationGroup",
        client.create_destination_group(v(json!({}))?).await,
    );
    tally.record(
        "deleteDestinationGroups",
        client.delete_destination_groups(v(json!({}))?).await,
    );
    tally.record("getDestinationGroup", client.get_destination_group(1).await);
    tally.record(
        "updateDestinationGroup",
        client.update_destination_group(1, v(json!({}))?).await,
    );
    tally.record(
        "deleteDestinationGroup",
        client.delete_destination_group(1).await,
    );
    tally.record("getEmailSettings", client.get_email_settings(1).await);
    tally.record(
        "updateEmailSettings",
        client
            .update_email_settings(1, v(json!({"method": "smtp"}))?)
            .await,
    );
    tally.record(
        "testEmailSettings",
        client
            .test_email_settings(1, v(json!({"method": "smtp"}))?)
            .await,
    );
    tally.record("deleteEmailSettings", client.delete_email_settings(1).await);
    tally.record("getEmailOAuthUrl", client.get_email_o_auth_url(1).await);
    tally.record(
        "connectEmailOAuth",
        client.connect_email_o_auth(1, v(json!({}))?).await,
    );
    tally.record("getEmailStatus", client.get_email_status(1).await);
    tally.record(
        "listEmailTemplateTypes",
        client.list_email_template_types(1).await,
    );
    tally.record(
        "validateEmailTemplate",
        client.validate_email_template(1, v(json!({}))?).await,
    );
    tally.record(
        "getEmailTemplate",
        client.get_email_template(1, v(json!("invoice"))?).await,
    );
    tally.record(
        "updateEmailTemplate",
        client
            .update_email_template(1, v(json!("invoice"))?, v(json!({}))?)
            .await,
    );
    tally.record(
        "testEmailTemplate",
        client
            .test_email_template(1, v(json!("invoice"))?, v(json!({}))?)
            .await,
    );
    tally.record(
        "deleteEmailTemplate",
        client.delete_email_template(1, v(json!("invoice"))?).await,
    );
    tally.record("forgotPassword", client.forgot_password().await);
    tally.record("resetPassword", client.reset_password(v(json!({}))?).await);
    tally.record("listIntegrationLogs", client.list_integration_logs().await);
    tally.record("listIntegrations", client.list_integrations().await);
    tally.record(
        "addIntegration",
        client.add_integration(v(json!({"name": "xero"}))?).await,
    );
    tally.record(
        "removeIntegrations",
        client.remove_integrations(v(json!({}))?).await,
    );
    tally.record(
        "buildIntegrationOAuthUrl",
        client.build_integration_o_auth_url(v(json!({}))?).await,
    );
    tally.record("getIntegration", client.get_integration(1).await);
    tally.record(
        "updateIntegration",
        client
            .update_integration(1, v(json!({"mode": "automatic"}))?)
            .await,
    );
    tally.record("removeIntegration", client.remove_integration(1).await);
    tally.record(
        "listIntegrationAccountingCodes",
        client.list_integration_accounting_codes(1).await,
    );
    tally.record("verifyIntegration", client.verify_integration(1).await);
    tally.record("listInvoices", client.list_invoices().await);
    tally.record(
        "deleteInvoices",
        client.delete_invoices(v(json!({}))?).await,
    );
    tally.record(
        "getInvoiceTemplateSettings",
        client.get_invoice_template_settings(1).await,
    );
    tally.record("updateInvoiceTemplateSettings", client.update_invoice_template_settings(1, v(json!({"invoice_template": "x", "invoice_template_font": "x", "credit_note_template": "x", "credit_note_template_font": "x", "cdr_template": "x", "cdr_template_font": "x", "line_item_sort_mode": "creationDate"}))?).await);
    tally.record("previewCdrTemplate", client.preview_cdr_template(1).await);
    tally.record(
        "previewCreditNoteTemplate",
        client.preview_credit_note_template(1).await,
    );
    tally.record(
        "previewInvoiceTemplate",
        client.preview_invoice_template(1).await,
    );
    tally.record(
        "previewStatementTemplate",
        client.preview_statement_template(1).await,
    );
    tally.record(
        "listInvoicesByCursor",
        client.list_invoices_by_cursor().await,
    );
    tally.record("downloadInvoices", client.download_invoices().await);
    tally.record("exportInvoices", client.export_invoices().await);
    tally.record("listLineItems", client.list_line_items().await);
    tally.record(
        "listLineItemsByCursor",
        client.list_line_items_by_cursor().await,
    );
    tally.record(
        "restoreInvoices",
        client.restore_invoices(v(json!({}))?).await,
    );
    tally.record(
        "refreshInvoices",
        client.refresh_invoices(v(json!({"id": [1]}))?).await,
    );
    tally.record(
        "refreshInvoiceAccountingCodes",
        client
            .refresh_invoice_accounting_codes(v(json!({"id": [1]}))?)
            .await,
    );
    tally.record(
        "sendInvoiceReminders",
        client.send_invoice_reminders(v(json!({"id": [1]}))?).await,
    );
    tally.record(
        "sendInvoices",
        client.send_invoices(v(json!({"id": [1]}))?).await,
    );
    tally.record(
        "settleInvoices",
        client
            .settle_invoices(v(json!({"id": [1], "ledger_entry_type_id": 1}))?)
            .await,
    );
    tally.record(
        "batchSettleInvoices",
        client
            .batch_settle_invoices(v(json!({"entries": [{}]}))?)
            .await,
    );
    tally.record("voidInvoices", client.void_invoices(v(json!({}))?).await);
    tally.record("getInvoice", client.get_invoice(1).await);
    tally.record("deleteInvoice", client.delete_invoice(1).await);
    tally.record(
        "getInvoiceAttachments",
        client.get_invoice_attachments(1).await,
    );
    tally.record("restoreInvoice", client.restore_invoice(1).await);
    tally.record("getInvoicePdf", client.get_invoice_pdf(1).await);
    tally.record("refreshInvoice", client.refresh_invoice(1).await);
    tally.record(
        "refreshInvoiceAccountingCode",
        client.refresh_invoice_accounting_code(1).await,
    );
    tally.record(
        "sendInvoiceReminder",
        client
            .send_invoice_reminder(1, v(json!({"id": [1]}))?)
            .await,
    );
    tally.record(
        "sendInvoice",
        client.send_invoice(1, v(json!({"id": [1]}))?).await,
    );
    tally.record(
        "getInvoiceServiceFile",
        client.get_invoice_service_file(1).await,
    );
    tally.record(
        "settleInvoice",
        client
            .settle_invoice(1, v(json!({"ledger_entry_type_id": 1}))?)
            .await,
    );
    tally.record(
        "settleInvoiceLedgerEntry",
        client
            .settle_invoice_ledger_entry(1, v(json!({"entries": [{}]}))?)
            .await,
    );
    tally.record("voidInvoice", client.void_invoice(1).await);
    tally.record(
        "listLedgerEntryTypes",
        client.list_ledger_entry_types().await,
    );
    tally.record(
        "createLedgerEntryType",
        client.create_ledger_entry_type(v(json!({}))?).await,
    );
    tally.record(
        "deleteLedgerEntryTypes",
        client.delete_ledger_entry_types(v(json!({}))?).await,
    );
    tally.record("getLedgerEntryType", client.get_ledger_entry_type(1).await);
    tally.record(
        "updateLedgerEntryType",
        client.update_ledger_entry_type(1, v(json!({}))?).await,
    );
    tally.record(
        "deleteLedgerEntryType",
        client.delete_ledger_entry_type(1).await,
    );
    tally.record("getLedgerSettings", client.get_ledger_settings(1).await);
    tally.record(
        "updateLedgerSettings",
        client.update_ledger_settings(1, v(json!({}))?).await,
    );
    tally.record(
        "listCustomerMetadata",
        client.list_customer_metadata(1).await,
    );
    tally.record(
        "createGlobalMetadata",
        client.create_global_metadata(v(json!({}))?).await,
    );
    tally.record("getGlobalMetadata", client.get_global_metadata("x").await);
    tally.record(
        "deleteGlobalMetadata",
        client.delete_global_metadata("x").await,
    );
    tally.record(
        "createLocalMetadata",
        client.create_local_metadata(v(json!({}))?).await,
    );
    tally.record("getLocalMetadata", client.get_local_metadata("x").await);
    tally.record(
        "deleteLocalMetadata",
        client.delete_local_metadata("x").await,
    );
    tally.record("listOrganisations", client.list_organisations().await);
    tally.record("createOrganisation", client.create_organisation(v(json!({"name": "x", "theme_colour": "x", "line1": "x", "town": "x", "postcode": "x", "country": "x", "tax_rate": 1.5, "payment_terms": 1, "region_id": 1, "invoice_tax_mode": "aggregate"}))?).await);
    tally.record(
        "deleteOrganisations",
        client.delete_organisations(v(json!({}))?).await,
    );
    tally.record(
        "getDefaultOrganisation",
        client.get_default_organisation().await,
    );
    tally.record("getOrganisation", client.get_organisation(1).await);
    tally.record("updateOrganisation", client.update_organisation(1, v(json!({"name": "x", "theme_colour": "x", "line1": "x", "town": "x", "postcode": "x", "country": "x", "tax_rate": 1.5, "payment_terms": 1, "region_id": 1, "invoice_tax_mode": "aggregate"}))?).await);
    tally.record("deleteOrganisation", client.delete_organisation(1).await);
    tally.record("getOrganisationLogo", client.get_organisation_logo(1).await);
    tally.record(
        "updateOrganisationLogo",
        client.update_organisation_logo(1).await,
    );
    tally.record("listPayments", client.list_payments().await);
    tally.record(
        "cancelPayments",
        client.cancel_payments(v(json!({}))?).await,
    );
    tally.record(
        "sendInstantPay",
        client
            .send_instant_pay(
                1,
                v(json!({"payment_provider_settings_id": 1, "invoice_id": 1, "amount": 1.5}))?,
            )
            .await,
    );
    tally.record(
        "createInstantPayUrl",
        client
            .create_instant_pay_url(
                1,
                v(json!({"payment_provider_settings_id": 1, "invoice_id": 1, "amount": 1.5}))?,
            )
            .await,
    );
    tally.record("listMandates", client.list_mandates(1).await);
    tally.record("addMandate", client.add_mandate(1, v(json!({"customer": "x", "mandate": "x", "description": "x", "payment_provider_settings_id": 1}))?).await);
    tally.record(
        "setupMandate",
        client
            .setup_mandate(
                1,
                v(json!({"email": "ops@example.com", "payment_provider_settings_id": 1}))?,
            )
            .await,
    );
    tally.record(
        "updateMandate",
        client.update_mandate(1, 1, v(json!({}))?).await,
    );
    tally.record("removeMandate", client.remove_mandate(1, 1).await);
    tally.record("setDefaultMandate", client.set_default_mandate(1, 1).await);
    tally.record("disableMandate", client.disable_mandate(1, 1).await);
    tally.record("enableMandate", client.enable_mandate(1, 1).await);
    tally.record("listPaymentSettings", client.list_payment_settings().await);
    tally.record(
        "addPaymentCredentials",
        client.add_payment_credentials(v(json!({}))?).await,
    );
    tally.record("getPaymentSettings", client.get_payment_settings(1).await);
    tally.record(
        "updatePaymentSettings",
        client
            .update_payment_settings(
                1,
                v(json!({"collection_mode": "manual", "settlement_mode": "paidOut"}))?,
            )
            .await,
    );
    tally.record(
        "verifyPaymentCredentials",
        client.verify_payment_credentials(1).await,
    );
    tally.record(
        "removePaymentCredentials",
        client.remove_payment_credentials(1).await,
    );
    tally.record(
        "listPaymentProviderCustomers",
        client.list_payment_provider_customers(1).await,
    );
    tally.record(
        "listPaymentProviderMandates",
        client.list_payment_provider_mandates(1, "x").await,
    );
    tally.record(
        "takePayment",
        client
            .take_payment(
                1,
                v(json!({"description": "x", "amount": 1.5, "payment_provider_settings_id": 1}))?,
            )
            .await,
    );
    tally.record("takePaymentPlan", client.take_payment_plan(1, v(json!({"description": "x", "amount": 1.5, "frequency": "weekly", "installments": 1, "first_collection_date": "2024-01-31", "payment_provider_settings_id": 1}))?).await);
    tally.record("takePaymentPlanPreview", client.take_payment_plan_preview(1, v(json!({"description": "x", "amount": 1.5, "frequency": "weekly", "installments": 1, "first_collection_date": "2024-01-31", "payment_provider_settings_id": 1}))?).await);
    tally.record("getPayment", client.get_payment(1).await);
    tally.record("cancelPayment", client.cancel_payment(1).await);
    tally.record("retryPayment", client.retry_payment(1).await);
    tally.record("getDataRetention", client.get_data_retention(1).await);
    tally.record(
        "updateDataRetention",
        client
            .update_data_retention(1, v(json!({"retention_in_days": 1}))?)
            .await,
    );
    tally.record("deleteDataRetention", client.delete_data_retention(1).await);
    tally.record(
        "listPriceAdjustments",
        client.list_price_adjustments().await,
    );
    tally.record(
        "createPriceAdjustment",
        client.create_price_adjustment(v(json!({}))?).await,
    );
    tally.record(
        "deletePriceAdjustments",
        client.delete_price_adjustments(v(json!({}))?).await,
    );
    tally.record("getPriceAdjustment", client.get_price_adjustment(1).await);
    tally.record(
        "updatePriceAdjustment",
        client.update_price_adjustment(1, v(json!({}))?).await,
    );
    tally.record(
        "deletePriceAdjustment",
        client.delete_price_adjustment(1).await,
    );
    tally.record("listProducts", client.list_products().await);
    tally.record(
        "createProduct",
        client
            .create_product(v(
                json!({"name": "x", "type": "single", "sell_price": 1.5, "category_id": 1}),
            )?)
            .await,
    );
    tally.record(
        "deleteProducts",
        client.delete_products(v(json!({}))?).await,
    );
    tally.record(
        "createProducts",
        client.create_products(v(json!({}))?).await,
    );
    tally.record(
        "updateProductPricing",
        client.update_product_pricing(v(json!({}))?).await,
    );
    tally.record(
        "deleteProductPricings",
        client.delete_product_pricings(v(json!({}))?).await,
    );
    tally.record(
        "listScheduledPricingChanges",
        client.list_scheduled_pricing_changes().await,
    );
    tally.record(
        "deleteProductPricing",
        client.delete_product_pricing(1).await,
    );
    tally.record("getProduct", client.get_product(1).await);
    tally.record(
        "updateProduct",
        client
            .update_product(
                1,
                v(json!({"name": "x", "type": "single", "sell_price": 1.5, "category_id": 1}))?,
            )
            .await,
    );
    tally.record("deleteProduct", client.delete_product(1).await);
    tally.record(
        "resolveCustomerProduct",
        client.resolve_customer_product(1, 1).await,
    );
    tally.record("listRegions", client.list_regions().await);
    tally.record("listRoles", client.list_roles().await);
    tally.record("createRole", client.create_role(v(json!({}))?).await);
    tally.record("deleteRoles", client.delete_roles(v(json!({}))?).await);
    tally.record("getRole", client.get_role(1).await);
    tally.record("updateRole", client.update_role(1, v(json!({}))?).await);
    tally.record("deleteRole", client.delete_role(1).await);
    tally.record("listServiceFiles", client.list_service_files().await);
    tally.record(
        "uploadServiceFile",
        client
            .upload_service_file(UploadServiceFileForm {
                file: FilePart::new("x"),
            })
            .await,
    );
    tally.record(
        "deleteServiceFiles",
        client.delete_service_files(v(json!({}))?).await,
    );
    tally.record(
        "redoServiceFiles",
        client.redo_service_files(v(json!({}))?).await,
    );
    tally.record("deleteServiceFile", client.delete_service_file(1).await);
    tally.record(
        "getServiceFileStatus",
        client.get_service_file_status(1).await,
    );
    tally.record("analyseServiceFile", client.analyse_service_file(1).await);
    tally.record("downloadServiceFile", client.download_service_file(1).await);
    tally.record("processServiceFile", client.process_service_file(1).await);
    tally.record("redoServiceFile", client.redo_service_file(1).await);
    tally.record("listServiceCharges", client.list_service_charges(1).await);
    tally.record(
        "setServiceChargeDates",
        client
            .set_service_charge_dates(1, v(json!({"ids": [1], "from": "2024-01-31"}))?)
            .await,
    );
    tally.record(
        "listServiceChargesByCustomer",
        client.list_service_charges_by_customer(1).await,
    );
    tally.record(
        "listServiceChargesByProduct",
        client.list_service_charges_by_product(1).await,
    );
    tally.record(
        "listServiceFileCliOrphans",
        client.list_service_file_cli_orphans(1).await,
    );
    tally.record(
        "getCustomerAccessSettings",
        client.get_customer_access_settings(1).await,
    );
    tally.record("updateCustomerAccessSetting", client.update_customer_access_setting(1, v(json!({"theme": "light", "light_theme_colour": "x", "dark_theme_colour": "x", "allow_invoices": true, "allow_payments": true, "allow_cdr": true, "allow_account": true}))?).await);
    tally.record(
        "createCustomerAccessSetting",
        client
            .create_customer_access_setting(1, v(json!({}))?)
            .await,
    );
    tally.record(
        "deleteCustomerAccessSetting",
        client.delete_customer_access_setting(1).await,
    );
    tally.record(
        "listCustomerAccessBanners",
        client.list_customer_access_banners(1).await,
    );
    tally.record(
        "createCustomerAccessBanner",
        client
            .create_customer_access_banner(1, v(json!({"description": "x", "url": "x"}))?)
            .await,
    );
    tally.record(
        "deleteCustomerAccessBanners",
        client
            .delete_customer_access_banners(1, v(json!({}))?)
            .await,
    );
    tally.record(
        "getCustomerAccessBanner",
        client.get_customer_access_banner(1, 1).await,
    );
    tally.record(
        "updateCustomerAccessBanner",
        client
            .update_customer_access_banner(1, 1, v(json!({"description": "x", "url": "x"}))?)
            .await,
    );
    tally.record(
        "deleteCustomerAccessBanner",
        client.delete_customer_access_banner(1, 1).await,
    );
    tally.record(
        "getCustomerAccessBannerImage",
        client.get_customer_access_banner_image(1, 1).await,
    );
    tally.record(
        "updateCustomerAccessBannerImage",
        client.update_customer_access_banner_image(1, 1).await,
    );
    tally.record(
        "getCustomerAccessFavicon",
        client.get_customer_access_favicon(1).await,
    );
    tally.record(
        "updateCustomerAccessFavicon",
        client.update_customer_access_favicon(1).await,
    );
    tally.record(
        "deleteCustomerAccessFavicon",
        client.delete_customer_access_favicon(1).await,
    );
    tally.record(
        "getCustomerAccessImage",
        client.get_customer_access_image(1).await,
    );
    tally.record(
        "updateCustomerAccessImage",
        client.update_customer_access_image(1).await,
    );
    tally.record(
        "deleteCustomerAccessImage",
        client.delete_customer_access_image(1).await,
    );
    tally.record(
        "getCustomerAccessLogoDark",
        client.get_customer_access_logo_dark(1).await,
    );
    tally.record(
        "updateCustomerAccessLogoDark",
        client.update_customer_access_logo_dark(1).await,
    );
    tally.record(
        "deleteCustomerAccessDarkLogo",
        client.delete_customer_access_dark_logo(1).await,
    );
    tally.record(
        "getCustomerAccessLogoLight",
        client.get_customer_access_logo_light(1).await,
    );
    tally.record(
        "updateCustomerAccessLogoLight",
        client.update_customer_access_logo_light(1).await,
    );
    tally.record(
        "deleteCustomerAccessLightLogo",
        client.delete_customer_access_light_logo(1).await,
    );
    tally.record(
        "getCustomerAccessPaymentProviders",
        client.get_customer_access_payment_providers(1).await,
    );
    tally.record(
        "updateCustomerAccessPaymentProviders",
        client
            .update_customer_access_payment_providers(
                1,
                v(json!({"payment_provider_settings_id": 1}))?,
            )
            .await,
    );
    tally.record("getGeneralSettings", client.get_general_settings().await);
    tally.record(
        "updateGeneralSettings",
        client.update_general_settings(v(json!({}))?).await,
    );
    tally.record(
        "testInvoiceReferenceCode",
        client.test_invoice_reference_code(v(json!({}))?).await,
    );
    tally.record("listSuppliers", client.list_suppliers().await);
    tally.record(
        "createSupplier",
        client
            .create_supplier(v(json!({"name": "x", "cdr_sell_price_decimal_places": 1}))?)
            .await,
    );
    tally.record(
        "deleteSuppliers",
        client.delete_suppliers(v(json!({}))?).await,
    );
    tally.record("getSupplier", client.get_supplier(1).await);
    tally.record(
        "updateSupplier",
        client
            .update_supplier(
                1,
                v(json!({"name": "x", "cdr_sell_price_decimal_places": 1}))?,
            )
            .await,
    );
    tally.record("deleteSupplier", client.delete_supplier(1).await);
    tally.record(
        "getSupplierCdrSettings",
        client.get_supplier_cdr_settings(1).await,
    );
    tally.record(
        "updateSupplierCdrSettings",
        client.update_supplier_cdr_settings(1, v(json!({}))?).await,
    );
    tally.record(
        "testSupplierCdrSettings",
        client.test_supplier_cdr_settings(1, v(json!({}))?).await,
    );
    tally.record(
        "getSupplierServiceFileSettings",
        client.get_supplier_service_file_settings(1).await,
    );
    tally.record(
        "updateSupplierServiceFileSettings",
        client
            .update_supplier_service_file_settings(1, v(json!({}))?)
            .await,
    );
    tally.record(
        "testSupplierServiceFileSettings",
        client
            .test_supplier_service_file_settings(1, v(json!({}))?)
            .await,
    );
    tally.record("listTags", client.list_tags().await);
    tally.record(
        "createTag",
        client.create_tag(v(json!({"description": "x"}))?).await,
    );
    tally.record("deleteTags", client.delete_tags(v(json!({}))?).await);
    tally.record("getTag", client.get_tag(1).await);
    tally.record(
        "updateTag",
        client.update_tag(1, v(json!({"description": "x"}))?).await,
    );
    tally.record("deleteTag", client.delete_tag(1).await);
    tally.record("listTariffs", client.list_tariffs().await);
    tally.record(
        "createTariff",
        client
            .create_tariff(v(json!({"name": "x", "category_id": 1}))?)
            .await,
    );
    tally.record("deleteTariffs", client.delete_tariffs(v(json!({}))?).await);
    tally.record("getTariff", client.get_tariff(1).await);
    tally.record(
        "updateTariff",
        client
            .update_tariff(1, v(json!({"name": "x", "category_id": 1}))?)
            .await,
    );
    tally.record("deleteTariff", client.delete_tariff(1).await);
    tally.record("listTimeSchedules", client.list_time_schedules().await);
    tally.record(
        "createTimeSchedule",
        client.create_time_schedule(v(json!({}))?).await,
    );
    tally.record(
        "deleteTimeSchedules",
        client.delete_time_schedules(v(json!({}))?).await,
    );
    tally.record("getTimeSchedule", client.get_time_schedule(1).await);
    tally.record(
        "updateTimeSchedule",
        client.update_time_schedule(1, v(json!({}))?).await,
    );
    tally.record("deleteTimeSchedule", client.delete_time_schedule(1).await);
    tally.record("listUsers", client.list_users().await);
    tally.record(
        "createUser",
        client
            .create_user(v(json!({"email": "ops@example.com"}))?)
            .await,
    );
    tally.record("deleteUsers", client.delete_users(v(json!({}))?).await);
    tally.record("disableTwoFactor", client.disable_two_factor().await);
    tally.record(
        "enableTwoFactor",
        client.enable_two_factor(v(json!({}))?).await,
    );
    tally.record(
        "verifyTwoFactor",
        client.verify_two_factor(v(json!({}))?).await,
    );
    tally.record("activateUsers", client.activate_users(v(json!({}))?).await);
    tally.record(
        "updateCurrentUserDetails",
        client
            .update_current_user_details(v(json!({"email": "ops@example.com"}))?)
            .await,
    );
    tally.record(
        "changeCurrentUserPassword",
        client
            .change_current_user_password(v(json!({"old_password": "x", "new_password": "x"}))?)
            .await,
    );
    tally.record("suspendUsers", client.suspend_users(v(json!({}))?).await);
    tally.record("getCurrentUser", client.get_current_user().await);
    tally.record("getUser", client.get_user(1).await);
    tally.record(
        "updateUser",
        client
            .update_user(1, v(json!({"email": "ops@example.com"}))?)
            .await,
    );
    tally.record("deleteUser", client.delete_user(1).await);
    tally.record("activateUser", client.activate_user(1).await);
    tally.record(
        "changeUserPassword",
        client
            .change_user_password(1, v(json!({"password": "x"}))?)
            .await,
    );
    tally.record("suspendUser", client.suspend_user(1).await);
    tally.record("listEndpoints", client.list_endpoints().await);
    tally.record(
        "createEndpoint",
        client.create_endpoint(v(json!({"url": "x"}))?).await,
    );
    tally.record(
        "deleteEndpoints",
        client.delete_endpoints(v(json!({}))?).await,
    );
    tally.record(
        "disableEndpoints",
        client.disable_endpoints(v(json!({}))?).await,
    );
    tally.record(
        "enableEndpoints",
        client.enable_endpoints(v(json!({}))?).await,
    );
    tally.record("getEndpoint", client.get_endpoint(1).await);
    tally.record(
        "updateEndpoint",
        client.update_endpoint(1, v(json!({"url": "x"}))?).await,
    );
    tally.record("deleteEndpoint", client.delete_endpoint(1).await);
    tally.record("listEvents", client.list_events().await);
    tally.record("retryEvents", client.retry_events(v(json!({}))?).await);
    tally.record(
        "sendTestEvent",
        client.send_test_event(v(json!({"test_id": "x"}))?).await,
    );
    tally.record("getEvent", client.get_event(1).await);
    tally.record("retryEvent", client.retry_event(1).await);
    Ok(())
}

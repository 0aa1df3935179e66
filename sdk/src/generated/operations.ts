// Generated from docs/openapi.json by sdk/scripts/generate-types.ts: do not edit.
// Regenerate after a route change with `npm run generate -w ibanera-server-sdk` (a test fails when this file is stale).
import type { Decimal, DecimalInput } from '../decimal.js';

/** Every operation of the API, by `METHOD path`: its query, body and the `details` of its answer. */
export interface Operations {
  /** Delete a payment still NOT_STARTED; its page stops working */
  "DELETE /quickbuy/v1/delete": {
    query: {
      /** 24 hex digits. */
      OrderID: string;
    };
    body: never;
    /** The answer's `details`. */
    details: null;
    paged: false;
  };
  /** Get an asset account by id */
  "GET /api/v1/customer/accounts/account": {
    query: {
      Id: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      name: string;
      routingNumber: string | null;
      accountNumber: string | null;
      swiftCode: string | null;
      reference: string | null;
      asset: string;
      totalBalance: Decimal;
      availableBalance: Decimal;
      pendingBalance: Decimal;
      bSuppressed: boolean;
      dateAdded: string;
    };
    paged: false;
  };
  /** The manager's own account balances (unpaginated when no page parameter is given) */
  "GET /api/v1/customer/accounts/balances": {
    query: {
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      asset: string;
      totalBalance: Decimal;
      availableBalance: Decimal;
      pendingBalance: Decimal;
      bSuppressed: boolean;
    };
    paged: true;
  };
  /** The crypto account's deposit address (deterministic per account) */
  "GET /api/v1/customer/accounts/crypto/depositaddress": {
    query: {
      AccountsId: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      address: string;
    };
    paged: false;
  };
  /** A customer's asset accounts (the principal's own when CustomersId is absent) */
  "GET /api/v1/customer/accounts/list-accounts": {
    query: {
      CustomersId?: number | string;
      Asset?: string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      customersId: number;
      name: string;
      routingNumber: string | null;
      accountNumber: string | null;
      swiftCode: string | null;
      virtualAccountNumber: string | null;
      reference: string | null;
      asset: string;
      assetDisplayName: string;
      totalBalance: Decimal;
      availableBalance: Decimal;
      pendingBalance: Decimal;
      bSuppressed: boolean;
      dateAdded: string;
    };
    paged: true;
  };
  /** List transactions, newest first */
  "GET /api/v1/customer/accounts/transactions": {
    query: {
      AccountsId?: number | string;
      /** ISO 8601 date or date-time (UTC when no offset). */
      FromDate?: string;
      /** Inclusive: a date without time covers the whole day. */
      ToDate?: string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      accountsId: number;
      fromTransactionsId: number | null;
      fromAccountsId: number | null;
      toTransactionsId: number | null;
      toAccountsId: number | null;
      /** Negative for money leaving the account. */
      amount: Decimal;
      description: string;
      dateTime: string;
      bPending: boolean;
      bCancellable: boolean;
    };
    paged: true;
  };
  /** Get the details of one transaction */
  "GET /api/v1/customer/accounts/transactions/get": {
    query: {
      Id: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      transactionId: number;
      customerId: number;
      assetAccountId: number;
      assetClass: "Currency" | "Cryptocurrency";
      asset: string;
      amount: Decimal;
      description: string;
      timestamp: string;
      transactionStatus: "Pending" | "Completed" | "Failed" | "Cancelled";
      rollbackTransactionId: number | null;
      originalTransactionId: number | null;
      transactionType: string;
      feeTransactionId: number | null;
      feeTransactionAmount: Decimal | null;
      bEligibleForReversal: boolean;
      assetExchangeTransferDetails: {
        assetExchangeId: number | null;
        assetExchangeType: string | null;
        customerId: number | null;
        assetExchangeStatus: string | null;
        fromTransactionsId: number | null;
        toTransactionsId: number | null;
        fromAsset: string | null;
        toAsset: string | null;
        fromAssetClass: string | null;
        toAssetClass: string | null;
        requestAmount?: Decimal;
        requestPrice?: Decimal;
        executedAmount?: Decimal;
        executedPrice: Decimal;
        fromAssetRequestedAmount: Decimal;
        toAssetRequestedAmount: Decimal;
        toAssetExecutedAmount: Decimal;
        commissionFee: Decimal;
        payeesId: number | null;
        fromCustomerAssetAccountId: number | null;
        toCustomerAssetAccountId: number | null;
      } | null;
      achTransferDetails: {
        paymentType: string | null;
        achTransactionType: string | null;
        direction: string | null;
        accountNumber: string | null;
        originatorRoutingNumber: string | null;
        originatorName: string | null;
        receiverRoutingNumber: string | null;
        receiverName: string | null;
      } | null;
      wireTransferDetails: {
        wirePaymentType: string | null;
        accountNumber: string | null;
        imad: string | null;
        senderRoutingNumber: string | null;
        senderName: string | null;
        receiverRoutingNumber: string | null;
        receiverName: string | null;
        originatorName: string | null;
        beneficiaryName: string | null;
        completedAt: string | null;
      } | null;
      bookTransferDetails: {
        debitSubAccountNumber: string | null;
        creditSubAccountNumber: string | null;
      } | null;
      internalTransferDetails: Record<string, unknown> | null;
      walletTransferDetails: {
        fromWalletAddress: string | null;
        toWalletAddress: string | null;
        transactionHash: string | null;
      } | null;
      externalTransferDetails: {
        paymentType: string | null;
        transferType: string | null;
        direction: string | null;
        imad?: string | null;
        senderAccountNumber?: string | null;
        senderRoutingNumber?: string | null;
        senderSwiftCode?: string | null;
        senderIban?: string | null;
        senderName: string | null;
        originatorName?: string | null;
        receiverAccountNumber?: string | null;
        receiverRoutingNumber?: string | null;
        receiverSwiftCode?: string | null;
        receiverIban?: string | null;
        receiverName: string | null;
        receiverCardLastFour?: string | null;
        beneficiaryName?: string | null;
        reference: string | null;
        completedAt: string | null;
      } | null;
    };
    paged: false;
  };
  /** A business's verification status, its documents and the required ones still missing */
  "GET /api/v1/customer/business/verificationstatus": {
    query: {
      CustomersId: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      customersId: number;
      verificationStatus: "Not Submitted" | "Under Review" | "Accepted" | "Rejected";
      dateSubmitted: string | null;
      dateAccepted: string | null;
      dateRejected: string | null;
      rejectReason: string | null;
      bInviteDue: boolean;
      documents: Array<{
        documentId: number;
        documentType: string;
        fileName: string;
        contentType: string;
        sizeBytes: number;
        sha256: string;
        addDate: string;
      }>;
      missingDocumentTypes: Array<string>;
    };
    paged: false;
  };
  /** Card balances (of one customer, or of every card within reach) */
  "GET /api/v1/customer/cards/balances": {
    query: {
      /** The customer: the principal itself or one of its managees. */
      CustomersId?: number | string;
      /** Alias of CustomersId. */
      CustomerId?: number | string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      customersReference: string;
      cardHolderName: string;
      cardLast4: string;
      /** A string, as the documented schema has it. */
      customersID: string;
      /** Lower case, as the documented example (usd). */
      currency: string;
      totalBalance: Decimal;
      availableBalance: Decimal;
      pendingBalance: Decimal;
      status: string;
    };
    paged: true;
  };
  /** The cards of one customer */
  "GET /api/v1/customer/cards/byuser": {
    query: {
      /** The customer: the principal itself or one of its managees. */
      CustomersId?: number | string;
      /** Alias of CustomersId. */
      CustomerId?: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      CustomersId: number;
      CustomersReference: string;
      Cards: Array<{
        Id: number;
        Currency: string;
        TotalBalance: Decimal;
        AvailableBalance: Decimal;
        PendingBalance: Decimal;
        bSuppressed: boolean;
      }>;
    };
    paged: false;
  };
  /** Cards of every customer within reach, by customer */
  "GET /api/v1/customer/cards/byuser/list": {
    query: {
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      customersId: number;
      customersReference: string;
      cards: Array<{
        id: number;
        currency: string;
        cardNumber: string;
        totalBalance: Decimal;
        availableBalance: Decimal;
        pendingBalance: Decimal;
        bSuppressed: boolean;
      }>;
    };
    paged: true;
  };
  /** Card details (no number, CVC or PIN) */
  "GET /api/v1/customer/cards/carddetails": {
    query: {
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      id: number;
      customersID: number;
      customersReference: string;
      cardHolderName: string;
      cardLast4: string;
      currency: string;
      totalBalance: Decimal;
      availableBalance: Decimal;
      pendingBalance: Decimal;
      status: string;
      cardType: string;
      approvalStatus: string;
      bHasPin: boolean;
      bPinLocked: boolean;
    };
    paged: false;
  };
  /** The code lists of the older create body (Source of Funds Types ids included) and the card options */
  "GET /api/v1/customer/cards/compliancefields": {
    query: never;
    body: never;
    /** The answer's `details`. */
    details: {
      customerSubtypes: Array<{
        id: number;
        name: string;
      }>;
      businessActivityTypes: Array<{
        id: number;
        name: string;
      }>;
      occupationTypes: Array<{
        id: number;
        name: string;
      }>;
      sourceOfFundsTypes: Array<{
        id: number;
        name: string;
      }>;
      cardPrograms: Array<{
        id: number;
        name: string;
      }>;
      currencies: Array<string>;
      cardTypes: Array<string>;
      shippingMethods: Array<string>;
    };
    paged: false;
  };
  /** Review customer details before creating a card */
  "GET /api/v1/customer/cards/reviewcreatecard": {
    query: {
      /** The customer: the principal itself or one of its managees. */
      CustomersId?: number | string;
      /** Alias of CustomersId. */
      CustomerId?: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      personalReviewDetails: {
        sourceOfFunds: Array<string>;
        estimatedGrossAnnualIncome: Decimal | null;
        estimatedNetWorth: Decimal | null;
        activelyEmployed: boolean | null;
        employedCompanyName: string | null;
        employedJobTitle: string | null;
      };
      types: {
        sourceOfFunds: Array<string>;
      };
      requiredDocuments?: Array<string>;
      /** Whether create must carry review details (the customer is older than 6 months). */
      bReviewDetailsRequired: boolean;
    };
    paged: false;
  };
  /** The card number, CVC and expiry (each read is recorded in an audit table, without the values) */
  "GET /api/v1/customer/cards/sensitive-details": {
    query: {
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      cardHolderName: string;
      expiryDate: string;
      cardNumber: string;
      cvc: string;
      accounts: Array<{
        id: number;
        accountNumber: string | null;
        routingNumber: string | null;
        reference: string | null;
        bankName: string | null;
        bankAddress: string | null;
        productDisplayName: string | null;
        productAddress: string | null;
      }>;
    };
    paged: false;
  };
  /** A card’s transactions, newest first (pending and settled) */
  "GET /api/v1/customer/cards/transactions": {
    query: {
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
      /** ISO 8601; a date alone is the start of that day (UTC). */
      fromDate?: string;
      /** ISO 8601; a date alone covers that whole day (UTC). */
      toDate?: string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      cardsId: number;
      amount: Decimal;
      currency: string;
      description: string;
      dateTime: string;
      bPending: boolean;
      RefundTransactionsID: number | null;
      /** Pending, Settled, Reversed or Expired (ours). */
      status: string;
      /** TopUp, Withdrawal, CardToCard, Fee, Purchase, Refund (ours). */
      transactionType: string;
    };
    paged: true;
  };
  /** Pairs that trade (Ibanera) */
  "GET /api/v1/customer/crypto-exchanges/availablepairs": {
    query: {
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      /** BASE/QUOTE, e.g. BTC/USD */
      assetPair: string;
      baseAsset: string;
      quoteAsset: string;
      /** Percent of the trade value, charged in the quote asset (FX: in the destination currency). */
      commissionFeePercentage: Decimal;
      /** In the base asset. */
      minTradeAmount: Decimal;
      /** In the base asset. */
      maxTradeAmount: Decimal;
      /** The smallest trade value, in the quote asset. */
      minTradePrice: Decimal;
      /** The largest trade value, in the quote asset. */
      maxTradePrice: Decimal;
      /** Decimals a base-asset amount may carry. */
      maxDecimalPrecision: number;
    };
    paged: true;
  };
  /** One exchange */
  "GET /api/v1/customer/crypto-exchanges/get": {
    query: {
      Id: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      id: number;
      exchangeType: "Buy" | "Sell";
      status: "WaitingForApproval" | "Rejected" | "WaitingForConfirmation" | "AwaitingRfi" | "Pending" | "Completed" | "Failed" | "Cancelled";
      fromTransactionsId: number | null;
      toTransactionsId: number | null;
      feeTransactionsId: number | null;
      customersId: number;
      assetPair: string;
      quantityType: "Amount" | "Price";
      /** Base asset, at the request. */
      requestAmount: Decimal;
      /** Quote-asset value, at the request. */
      requestPrice: Decimal;
      executedAmount: Decimal | null;
      executedPrice: Decimal | null;
      commissionFee: Decimal;
      /** The unit price of the quote traded at (or to be). */
      rate: Decimal;
      payeesId: number | null;
      transferType: string | null;
      payoutTransactionsId: number | null;
      bHasOpenRfi: boolean;
      fromCustomerAssetAccountId: number | null;
      toCustomerAssetAccountId: number | null;
      quote: {
        quoteId: number;
        assetPair: string;
        exchangeType: "Buy" | "Sell";
        /** One base unit in the quote asset. */
        price: Decimal;
        /** Base asset. */
        amount: Decimal;
        /** Quote-asset value of amount, commission excluded. */
        total: Decimal;
        /** Quote asset. */
        commissionFee: Decimal;
        expiresAt: string;
      } | null;
      dateAdded: string;
      dateUpdated: string;
    };
    paged: false;
  };
  /** Exchanges, newest first */
  "GET /api/v1/customer/crypto-exchanges/list": {
    query: {
      /** The customer trading (the principal or one of its accepted managees); the principal by default. */
      CustomersId?: number | string;
      Status?: "WaitingForApproval" | "Rejected" | "WaitingForConfirmation" | "AwaitingRfi" | "Pending" | "Completed" | "Failed" | "Cancelled";
      FromDate?: string;
      /** Inclusive: a date without time covers the whole day. */
      ToDate?: string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      exchangeType: "Buy" | "Sell";
      status: "WaitingForApproval" | "Rejected" | "WaitingForConfirmation" | "AwaitingRfi" | "Pending" | "Completed" | "Failed" | "Cancelled";
      fromTransactionsId: number | null;
      toTransactionsId: number | null;
      feeTransactionsId: number | null;
      customersId: number;
      assetPair: string;
      quantityType: "Amount" | "Price";
      /** Base asset, at the request. */
      requestAmount: Decimal;
      /** Quote-asset value, at the request. */
      requestPrice: Decimal;
      executedAmount: Decimal | null;
      executedPrice: Decimal | null;
      commissionFee: Decimal;
      /** The unit price of the quote traded at (or to be). */
      rate: Decimal;
      payeesId: number | null;
      transferType: string | null;
      payoutTransactionsId: number | null;
      bHasOpenRfi: boolean;
      fromCustomerAssetAccountId: number | null;
      toCustomerAssetAccountId: number | null;
      quote: {
        quoteId: number;
        assetPair: string;
        exchangeType: "Buy" | "Sell";
        /** One base unit in the quote asset. */
        price: Decimal;
        /** Base asset. */
        amount: Decimal;
        /** Quote-asset value of amount, commission excluded. */
        total: Decimal;
        /** Quote asset. */
        commissionFee: Decimal;
        expiresAt: string;
      } | null;
      dateAdded: string;
      dateUpdated: string;
    };
    paged: true;
  };
  /** A fresh quote for a waiting sell (ours) */
  "GET /api/v1/customer/crypto-exchanges/reviewquote": {
    query: {
      ExchangeId: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      quoteId: number;
      assetPair: string;
      exchangeType: "Buy" | "Sell";
      /** One base unit in the quote asset. */
      price: Decimal;
      /** Base asset. */
      amount: Decimal;
      /** Quote-asset value of amount, commission excluded. */
      total: Decimal;
      /** Quote asset. */
      commissionFee: Decimal;
      expiresAt: string;
    };
    paged: false;
  };
  /** Candidate source and destination accounts (Ibanera) */
  "GET /api/v1/customer/foreign-exchanges/account-details": {
    query: {
      /** The customer converting (the principal by default). */
      CustomerId?: number | string;
      /** Alias of CustomerId. */
      CustomersId?: number | string;
      /** A fiat currency code, e.g. USD (any case). */
      SourceCurrency: string;
      /** A fiat currency code, e.g. USD (any case). */
      DestinationCurrency: string;
      AssetExchangeType?: "Sell" | "Buy";
    };
    body: never;
    /** The answer's `details`. */
    details: {
      customersId: number;
      assetExchangeType: string;
      sourceAccounts: Array<{
        id: number;
        name: string;
        asset: string;
        availableBalance: Decimal;
      }>;
      /** Empty when the customer has none yet: executing a quote opens one. */
      destinationAccounts: Array<{
        id: number;
        name: string;
        asset: string;
        availableBalance: Decimal;
      }>;
    };
    paged: false;
  };
  /** Executed foreign exchanges, newest first */
  "GET /api/v1/customer/foreign-exchanges/list": {
    query: {
      /** The customer converting (the principal by default). */
      CustomerId?: number | string;
      /** Alias of CustomerId. */
      CustomersId?: number | string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      quoteId: number;
      customersId: number;
      customerId: number;
      sourceAsset: string;
      destinationAsset: string;
      sourceAmount: Decimal;
      destinationAmount: Decimal;
      rate: Decimal;
      fee: Decimal;
      sourceAccountId: number;
      destinationAccountId: number;
      fromTransactionsId: number;
      toTransactionsId: number;
      feeTransactionId: number | null;
      dateTime: string;
    };
    paged: true;
  };
  /** Currency pairs that convert (Ibanera) */
  "GET /api/v1/customer/foreign-exchanges/pairs": {
    query: {
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      /** BASE/QUOTE, e.g. BTC/USD */
      assetPair: string;
      baseAsset: string;
      quoteAsset: string;
      /** Percent of the trade value, charged in the quote asset (FX: in the destination currency). */
      commissionFeePercentage: Decimal;
      /** In the base asset. */
      minTradeAmount: Decimal;
      /** In the base asset. */
      maxTradeAmount: Decimal;
      /** The smallest trade value, in the quote asset. */
      minTradePrice: Decimal;
      /** The largest trade value, in the quote asset. */
      maxTradePrice: Decimal;
      /** Decimals a base-asset amount may carry. */
      maxDecimalPrecision: number;
    };
    paged: true;
  };
  /** One information request: its questions, answers, documents and the transaction it is about (path Ibanera; shape ours) */
  "GET /api/v1/customer/informationrequests/getinformationrequestdetails": {
    query: {
      /** The information request (also accepted as InformationRequestsId). */
      Id?: number | string;
      InformationRequestsId?: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      id: number;
      status: "More Information Required" | "Under Review" | "Accepted" | "Rejected" | "Expired";
      addDate: string;
      /** addDate + RFI_EXPIRY_DAYS (ours: 7 by default, as in the docs example). */
      expiryDate: string;
      /** `OUT` for money leaving, `IN` for money arriving (the docs show `OUT`). */
      orderType: string;
      /** The name of the customer the request is about. */
      name: string;
      customersId: number;
      /** Compliance's latest note (with More Information Required). */
      note: string | null;
      transactionsId: number | null;
      exchangeId: number | null;
      description: string | null;
      amount: Decimal | null;
      asset: string | null;
      dateSubmitted: string | null;
      dateDecided: string | null;
      questions: Array<{
        id: number;
        question: string;
        answerType: "Text" | "Document";
        bRequired: boolean;
        answer: string | null;
      }>;
      documents: Array<{
        id: number;
        fileName: string;
        contentType: string;
        sizeBytes: number;
        sha256: string;
        addDate: string;
      }>;
    };
    paged: false;
  };
  /** Information requests of the principal and its managees, newest first (Ibanera); `id` is the customer listed (the docs show a non-zero id) */
  "GET /api/v1/customer/informationrequests/getinformationrequestlist": {
    query: {
      /** Only the requests of this customer (yourself or one of your managees). */
      CustomersId?: number | string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      status: "More Information Required" | "Under Review" | "Accepted" | "Rejected" | "Expired";
      addDate: string;
      /** addDate + RFI_EXPIRY_DAYS (ours: 7 by default, as in the docs example). */
      expiryDate: string;
      /** `OUT` for money leaving, `IN` for money arriving (the docs show `OUT`). */
      orderType: string;
      /** The name of the customer the request is about. */
      name: string;
      customersId: number;
    };
    paged: true;
  };
  /** Get a saved payee */
  "GET /api/v1/customer/payees/get": {
    query: {
      Id: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      customerAssetAccountsId: number | null;
      payeeType: "Personal" | "Company";
      transferType: "ACH" | "WIRE" | "SWIFT";
      name: string;
      accountName: string | null;
      accountNumber: string | null;
      routingNumber: string | null;
      swiftCode: string | null;
      intermediaryBic: string | null;
      iban: string | null;
      countryCode: string;
      addressLine1: string | null;
      townCity: string | null;
      postcode: string | null;
      state: string | null;
      dateAdded: string;
      bVerified: boolean;
    };
    paged: false;
  };
  /** List saved payees (of one customer, or of all customers within reach) */
  "GET /api/v1/customer/payees/list": {
    query: {
      CustomersId?: number | string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      customersId: number;
      customerAssetAccountsId: number | null;
      payeeType: "Personal" | "Company";
      transferType: "ACH" | "WIRE" | "SWIFT";
      name: string;
      accountName: string | null;
      accountNumber: string | null;
      routingNumber: string | null;
      swiftCode: string | null;
      intermediaryBic: string | null;
      iban: string | null;
      countryCode: string;
      addressLine1: string | null;
      townCity: string | null;
      postcode: string | null;
      state: string | null;
      dateAdded: string;
      bVerified: boolean;
    };
    paged: true;
  };
  /** Crypto pairs a card (USD) can buy, with their limits */
  "GET /api/v1/customer/quick-buy/availablepairs": {
    query: {
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      /** BASE/QUOTE, e.g. BTC/USD */
      assetPair: string;
      baseAsset: string;
      quoteAsset: string;
      /** Percent of the trade value, charged in the quote asset (FX: in the destination currency). */
      commissionFeePercentage: Decimal;
      /** In the base asset. */
      minTradeAmount: Decimal;
      /** In the base asset. */
      maxTradeAmount: Decimal;
      /** The smallest trade value, in the quote asset. */
      minTradePrice: Decimal;
      /** The largest trade value, in the quote asset. */
      maxTradePrice: Decimal;
      /** Decimals a base-asset amount may carry. */
      maxDecimalPrecision: number;
    };
    paged: true;
  };
  /** One saved card */
  "GET /api/v1/customer/quick-buy/cards/get": {
    query: {
      Id: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      last4: string;
      maskedNumber: string;
      brand: string;
      expiryMonth: number;
      expiryYear: number;
      holderName: string;
      addDate: string;
    };
    paged: false;
  };
  /** A QuickBuy customer's saved cards (last 4 only) */
  "GET /api/v1/customer/quick-buy/cards/list": {
    query: {
      CustomersId: number | string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      customersId: number;
      last4: string;
      maskedNumber: string;
      brand: string;
      expiryMonth: number;
      expiryYear: number;
      holderName: string;
      addDate: string;
    };
    paged: true;
  };
  /** One QuickBuy order */
  "GET /api/v1/customer/quick-buy/get": {
    query: {
      /** The order id (24 hex digits). */
      Id: string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      id: string;
      customersId: number;
      source: string;
      status: string;
      assetPair: string;
      fiatAmount: Decimal | null;
      fiatCurrency: string;
      cryptoAsset: string;
      cryptoAmount: Decimal | null;
      price: Decimal | null;
      commissionFee: Decimal | null;
      cardLast4: string | null;
      cardId: number | null;
      chargeTransactionId: number | null;
      deliveryTransactionId: number | null;
      txHash: string | null;
      dateCreated: string;
      datePaid: string | null;
      dateCaptured: string | null;
      dateTransferred: string | null;
    };
    paged: false;
  };
  /** QuickBuy orders, newest first */
  "GET /api/v1/customer/quick-buy/list": {
    query: {
      CustomersId?: number | string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: string;
      customersId: number;
      source: string;
      status: string;
      assetPair: string;
      fiatAmount: Decimal | null;
      fiatCurrency: string;
      cryptoAsset: string;
      cryptoAmount: Decimal | null;
      price: Decimal | null;
      commissionFee: Decimal | null;
      cardLast4: string | null;
      cardId: number | null;
      chargeTransactionId: number | null;
      deliveryTransactionId: number | null;
      txHash: string | null;
      dateCreated: string;
      datePaid: string | null;
      dateCaptured: string | null;
      dateTransferred: string | null;
    };
    paged: true;
  };
  /** Can this transaction be cancelled? */
  "GET /api/v1/customer/transactions/cancel": {
    query: {
      TransactionsId: number | string;
      CustomersId?: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      transactionsId: number;
      bCancellable: boolean;
    };
    paged: false;
  };
  /** List saved wallets (of one customer, or of all customers within reach; optionally of one asset) */
  "GET /api/v1/customer/transfers/crypto/wallets/list": {
    query: {
      CustomersId?: number | string;
      Asset?: string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      customersId: number;
      asset: string;
      name: string;
      address: string;
      dateAdded: string;
    };
    paged: true;
  };
  /** Look up a bank by SWIFT code or routing number (from the bank directory file) */
  "GET /api/v1/customer/transfers/lookupbankdetails": {
    query: {
      SwiftCode?: string;
      RoutingNumber?: string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      swiftCode: string | null;
      routingNumber: string | null;
      bankName: string;
      address: string | null;
      city: string | null;
      country: string | null;
    };
    paged: false;
  };
  /** Transfer purpose codes (PurposeCode of external transfers) */
  "GET /api/v1/customer/transfers/purposecodes": {
    query: never;
    body: never;
    /** The answer's `details`. */
    details: Array<{
      code: string;
      description: string;
    }>;
    paged: false;
  };
  /** Reverse-inbound-transfer details: eligibility and the reasons to choose from */
  "GET /api/v1/customer/transfers/reverseinboundtransfer": {
    query: {
      TransactionsId: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      transactionsId: number;
      bEligibleForReversal: boolean;
      reasons: Array<{
        code: string;
        description: string;
      }>;
    };
    paged: false;
  };
  /** Get the details of one transaction */
  "GET /api/v2/customer/accounts/transactions/get": {
    query: {
      Id: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      transactionId: number;
      customerId: number;
      assetAccountId: number;
      assetClass: "Currency" | "Cryptocurrency";
      asset: string;
      amount: Decimal;
      description: string;
      timestamp: string;
      transactionStatus: "Pending" | "Completed" | "Failed" | "Cancelled";
      rollbackTransactionId: number | null;
      originalTransactionId: number | null;
      transactionType: string;
      feeTransactionId: number | null;
      feeTransactionAmount: Decimal | null;
      bEligibleForReversal: boolean;
      assetExchangeTransferDetails: {
        assetExchangeId: number | null;
        assetExchangeType: string | null;
        customerId: number | null;
        assetExchangeStatus: string | null;
        fromTransactionsId: number | null;
        toTransactionsId: number | null;
        fromAsset: string | null;
        toAsset: string | null;
        fromAssetClass: string | null;
        toAssetClass: string | null;
        requestAmount?: Decimal;
        requestPrice?: Decimal;
        executedAmount?: Decimal;
        executedPrice: Decimal;
        fromAssetRequestedAmount: Decimal;
        toAssetRequestedAmount: Decimal;
        toAssetExecutedAmount: Decimal;
        commissionFee: Decimal;
        payeesId: number | null;
        fromCustomerAssetAccountId: number | null;
        toCustomerAssetAccountId: number | null;
      } | null;
      achTransferDetails: {
        paymentType: string | null;
        achTransactionType: string | null;
        direction: string | null;
        accountNumber: string | null;
        originatorRoutingNumber: string | null;
        originatorName: string | null;
        receiverRoutingNumber: string | null;
        receiverName: string | null;
      } | null;
      wireTransferDetails: {
        wirePaymentType: string | null;
        accountNumber: string | null;
        imad: string | null;
        senderRoutingNumber: string | null;
        senderName: string | null;
        receiverRoutingNumber: string | null;
        receiverName: string | null;
        originatorName: string | null;
        beneficiaryName: string | null;
        completedAt: string | null;
      } | null;
      bookTransferDetails: {
        debitSubAccountNumber: string | null;
        creditSubAccountNumber: string | null;
      } | null;
      internalTransferDetails: Record<string, unknown> | null;
      walletTransferDetails: {
        fromWalletAddress: string | null;
        toWalletAddress: string | null;
        transactionHash: string | null;
      } | null;
      externalTransferDetails: {
        paymentType: string | null;
        transferType: string | null;
        direction: string | null;
        imad?: string | null;
        senderAccountNumber?: string | null;
        senderRoutingNumber?: string | null;
        senderSwiftCode?: string | null;
        senderIban?: string | null;
        senderName: string | null;
        originatorName?: string | null;
        receiverAccountNumber?: string | null;
        receiverRoutingNumber?: string | null;
        receiverSwiftCode?: string | null;
        receiverIban?: string | null;
        receiverName: string | null;
        receiverCardLastFour?: string | null;
        beneficiaryName?: string | null;
        reference: string | null;
        completedAt: string | null;
      } | null;
    };
    paged: false;
  };
  /** Code lists for creating a business: ISO 3166 countries, fiat currencies, requestable products */
  "GET /api/v2/customer/business/creationparameters": {
    query: never;
    body: never;
    /** The answer's `details`. */
    details: {
      countries: Array<{
        code: string;
        alpha2: string;
        name: string;
      }>;
      currencies: Array<string>;
      requestedProducts: Array<string>;
    };
    paged: false;
  };
  /** Code lists for a business's verification: countries, US states, activity types, source-of-fund types, volumes, document types */
  "GET /api/v2/customer/business/verificationparameters": {
    query: {
      CustomersId: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      countries: Array<{
        code: string;
        alpha2: string;
        name: string;
      }>;
      states: Array<{
        code: string;
        name: string;
      }>;
      mainActivityTypes: Array<{
        id: number;
        name: string;
      }>;
      sourceFundTypes: Array<{
        id: number;
        name: string;
      }>;
      transactionVolumes: Array<{
        id: number;
        name: string;
      }>;
      monthlyUsdEquivalents: Array<{
        id: number;
        name: string;
      }>;
      entityTypes: Array<string>;
      documentTypes: Array<{
        code: string;
        name: string;
        bRequired: boolean;
      }>;
    };
    paged: false;
  };
  /** List your managees */
  "GET /api/v2/customer/managees/list": {
    query: {
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      name: string;
      firstName: string;
      lastName: string;
      emailAddress: string;
      dateAdded: string;
      verificationStatus: "Pending" | "Accepted" | "Rejected";
      bJumioCompleted: boolean;
      manageesReference: string | null;
      customersReference: string;
    };
    paged: true;
  };
  /** Get a card payee */
  "GET /api/v3/customer/payees/card/get": {
    query: {
      Id: number | string;
    };
    body: never;
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      name: string;
      cardLastFour: string;
      maskedCardNumber: string;
      expiryMonth: number;
      expiryYear: number;
      countryCode: string;
      dateAdded: string;
    };
    paged: false;
  };
  /** List card payees (of one customer, or of all customers within reach) */
  "GET /api/v3/customer/payees/card/list": {
    query: {
      CustomersId?: number | string;
      /** Page to return (default 1); a page past the end is an empty list. */
      PageNumber?: number | string;
      /** Items per page (default 10, at most PAGE_SIZE_MAX). */
      PageSize?: number | string;
    };
    body: never;
    /** The answer's `details` (one item of the paged list). */
    details: {
      id: number;
      customersId: number;
      name: string;
      cardLastFour: string;
      maskedCardNumber: string;
      expiryMonth: number;
      expiryYear: number;
      countryCode: string;
      dateAdded: string;
    };
    paged: true;
  };
  /** Liveness, and which of the WORKERS processes answered */
  "GET /health": {
    query: never;
    body: never;
    /** The answer's `details`. */
    details: {
      status: "ok";
      worker: number;
      workers: number;
    };
    paged: false;
  };
  /** One payment by OrderID */
  "GET /quickbuy/v1/get": {
    query: {
      /** 24 hex digits. */
      OrderID: string;
    };
    body: never;
    /** The answer's `details`. */
    details: unknown;
    paged: false;
  };
  /** Payments, newest first (PageSize ≤ 1000, HideExpired, State) */
  "GET /quickbuy/v1/list": {
    query: {
      /** Default 10, at most 1000. */
      PageSize?: number | string;
      PageNumber?: number | string;
      HideExpired?: boolean;
      State?: "NOT_STARTED" | "PENDING" | "CAPTURED" | "COMPLETE" | "EXPIRED";
    };
    body: never;
    /** The answer's `details`. */
    details: unknown;
    paged: false;
  };
  /** Readiness: the database answers */
  "GET /ready": {
    query: never;
    body: never;
    /** The answer's `details`. */
    details: {
      status: "ready";
      database: "sqlite" | "postgres";
    };
    paged: false;
  };
  /** The same, with the account id in a JSON body */
  "POST /api/v1/customer/accounts/crypto/depositaddress": {
    query: never;
    body: {
      AccountsId: number | string;
    };
    /** The answer's `details`. */
    details: {
      address: string;
    };
    paged: false;
  };
  /** Withdraw crypto to an external wallet (creates a pending outbound transaction) */
  "POST /api/v1/customer/accounts/crypto/withdraw": {
    query: never;
    body: {
      accountsId: number | string;
      amount: DecimalInput;
      destinationAddress: string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      accountsId: number;
      amount: Decimal;
      description: string;
      dateTime: string;
      bPending: boolean;
    };
    paged: false;
  };
  /** Delete a business document (before the verification is submitted) */
  "POST /api/v1/customer/business/deletedocument": {
    query: never;
    body: {
      CustomersId: number | string;
      DocumentId: number | string;
    };
    /** The answer's `details`. */
    details: {
      documentId: number;
      bDeleted: boolean;
    };
    paged: false;
  };
  /** Upload a business document (multipart/form-data: CustomersId, DocumentType, file Document; PDF, PNG or JPEG, checked from its content) */
  "POST /api/v1/customer/business/uploaddocument": {
    query: never;
    body: never;
    /** The answer's `details`. */
    details: {
      documentId: number;
      documentType: string;
      fileName: string;
      contentType: string;
      sizeBytes: number;
      sha256: string;
      addDate: string;
    };
    paged: false;
  };
  /** Activate a card (Card_Active when already active) */
  "POST /api/v1/customer/cards/activate": {
    query: never;
    body: {
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
    };
    /** The answer's `details`. */
    details: {
      /** Ours: the card id (the envelope id too). */
      id: number;
      customersId: number;
      customerReference: string;
      card: {
        id: number;
        /** Masked: only sensitive-details shows the number. */
        cardNumber: string;
        currency: string;
        totalBalance: Decimal;
        availableBalance: Decimal;
        pendingBalance: Decimal;
        bSuppressed: boolean;
        status: string;
      };
      notificationDetails: {
        siteUsersDetails: Array<unknown>;
      };
    };
    paged: false;
  };
  /** Set (first time, no OldPin) or change the card PIN: four digits, not trivial; locked after CARD_PIN_FAILURES_MAX wrong old PINs */
  "POST /api/v1/customer/cards/changecardpin": {
    query: never;
    body: {
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
      OldPin?: string;
      /** Four digits, not trivial (0000, 1234…). */
      NewPin?: string;
    };
    /** The answer's `details`. */
    details: {
      TopUpCardsId: number;
    };
    paged: false;
  };
  /** Create a card (new body, or the older one with compliance codes); it starts Deactivated; opens a USD account (DDA) if the customer has none */
  "POST /api/v1/customer/cards/create": {
    query: never;
    body: {
      /** The customer: the principal itself or one of its managees. */
      CustomersId?: number | string;
      /** Alias of CustomersId. */
      CustomerId?: number | string;
      /** USD (a card is a USD ledger account). */
      currency?: string;
      cardReferenceId?: string;
      /** Standard or Express (Priority from the older version); physical cards only. */
      shippingMethod?: string;
      /** A card program from compliancefields (1000 by default on create). */
      cardProgramID?: number | string;
      /** Physical or Virtual. Absent: Virtual on create (the older body has no shipping), Physical on create-with-dda. */
      cardType?: string;
      shippingAddress?: {
        shippingAddressLine1?: string;
        shippingAddressLine2?: string;
        shippingAddressCity?: string;
        /** A US state code (FL) for US addresses and every card with a DDA. */
        shippingAddressState?: string;
        /** US: 12345 or 12345-1234. */
        shippingAddressPostcode?: string;
        /** ISO 3166-1 alpha-3 (USA); alpha-2 accepted. Cards with a DDA ship to USA only. */
        shippingAddressCountry?: string;
      };
      personalReviewDetails?: {
        sourceOfFunds?: Array<string>;
        estimatedGrossAnnualIncome?: DecimalInput;
        estimatedNetWorth?: DecimalInput;
        activelyEmployed?: boolean;
        employedCompanyName?: string;
        employedJobTitle?: string;
      };
      businessReviewDetails?: {
        legalEntityName?: string;
        doingBusinessAs?: string;
        /** LLC, Corporation, Partnership, Sole Proprietor (Sole Proprietorship on create-with-dda). */
        entityType?: string;
        registeredAddressStreet?: string;
        registeredAddressNumber?: string;
        registeredAddressCity?: string;
        registeredAddressState?: string;
        registeredAddressPostcode?: string;
        registeredAddressCountry?: string;
        operatingAddressStreet?: string;
        operatingAddressCity?: string;
        operatingAddressState?: string;
        operatingAddressPostcode?: string;
        operatingAddressCountry?: string;
      };
      /** Older body: a customerSubtypes id from compliancefields. */
      customerSubtype?: string;
      /** Older body: a businessActivityTypes id from compliancefields. */
      businessActivityType?: string;
      /** Older body: an occupationTypes id from compliancefields. */
      occupationType?: string;
      /** Older body: a Source of Funds Types id from compliancefields. */
      sourceOfFundsType?: string;
    };
    /** The answer's `details`. */
    details: {
      /** Ours: the card id (the envelope id too). */
      id: number;
      customersId: number;
      customersReference: string;
      card: {
        id: number;
        currency: string;
        totalBalance: Decimal;
        availableBalance: Decimal;
        pendingBalance: Decimal;
        status: string;
      };
      /** The issue fee taken from the DDA (create-with-dda), or null. */
      feeTransactionId: number | null;
    };
    paged: false;
  };
  /** Create a card against the customer’s DDA (US shipping only; the issue fee is taken from the DDA) */
  "POST /api/v1/customer/cards/create-with-dda": {
    query: never;
    body: {
      /** The customer: the principal itself or one of its managees. */
      CustomersId?: number | string;
      /** Alias of CustomersId. */
      CustomerId?: number | string;
      /** USD (a card is a USD ledger account). */
      currency?: string;
      cardReferenceId?: string;
      /** Standard or Express (Priority from the older version); physical cards only. */
      shippingMethod?: string;
      /** A card program from compliancefields (1000 by default on create). */
      cardProgramID?: number | string;
      /** Physical or Virtual. Absent: Virtual on create (the older body has no shipping), Physical on create-with-dda. */
      cardType?: string;
      shippingAddress?: {
        shippingAddressLine1?: string;
        shippingAddressLine2?: string;
        shippingAddressCity?: string;
        /** A US state code (FL) for US addresses and every card with a DDA. */
        shippingAddressState?: string;
        /** US: 12345 or 12345-1234. */
        shippingAddressPostcode?: string;
        /** ISO 3166-1 alpha-3 (USA); alpha-2 accepted. Cards with a DDA ship to USA only. */
        shippingAddressCountry?: string;
      };
      personalReviewDetails?: {
        sourceOfFunds?: Array<string>;
        estimatedGrossAnnualIncome?: DecimalInput;
        estimatedNetWorth?: DecimalInput;
        activelyEmployed?: boolean;
        employedCompanyName?: string;
        employedJobTitle?: string;
      };
      businessReviewDetails?: {
        legalEntityName?: string;
        doingBusinessAs?: string;
        /** LLC, Corporation, Partnership, Sole Proprietor (Sole Proprietorship on create-with-dda). */
        entityType?: string;
        registeredAddressStreet?: string;
        registeredAddressNumber?: string;
        registeredAddressCity?: string;
        registeredAddressState?: string;
        registeredAddressPostcode?: string;
        registeredAddressCountry?: string;
        operatingAddressStreet?: string;
        operatingAddressCity?: string;
        operatingAddressState?: string;
        operatingAddressPostcode?: string;
        operatingAddressCountry?: string;
      };
      /** Older body: a customerSubtypes id from compliancefields. */
      customerSubtype?: string;
      /** Older body: a businessActivityTypes id from compliancefields. */
      businessActivityType?: string;
      /** Older body: an occupationTypes id from compliancefields. */
      occupationType?: string;
      /** Older body: a Source of Funds Types id from compliancefields. */
      sourceOfFundsType?: string;
    };
    /** The answer's `details`. */
    details: {
      /** Ours: the card id (the envelope id too). */
      id: number;
      customersId: number;
      customersReference: string;
      card: {
        id: number;
        currency: string;
        totalBalance: Decimal;
        availableBalance: Decimal;
        pendingBalance: Decimal;
        status: string;
      };
      /** The issue fee taken from the DDA (create-with-dda), or null. */
      feeTransactionId: number | null;
    };
    paged: false;
  };
  /** Deactivate a card (Card_Inactive when it is not active) */
  "POST /api/v1/customer/cards/deactivate": {
    query: never;
    body: {
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
    };
    /** The answer's `details`. */
    details: {
      /** Ours: the card id (the envelope id too). */
      id: number;
      customersId: number;
      customerReference: string;
      card: {
        id: number;
        /** Masked: only sensitive-details shows the number. */
        cardNumber: string;
        currency: string;
        totalBalance: Decimal;
        availableBalance: Decimal;
        pendingBalance: Decimal;
        bSuppressed: boolean;
        status: string;
      };
      notificationDetails: {
        siteUsersDetails: Array<unknown>;
      };
    };
    paged: false;
  };
  /** Upload a card document (multipart/form-data): customersId, type (Tax Document or Corporate Authorization Document), documentSide (Front by default, Back), one file (PDF, PNG or JPEG) */
  "POST /api/v1/customer/cards/documentupload": {
    query: never;
    body: never;
    /** The answer's `details`. */
    details: {
      documentsId: number;
      customersId: number;
      type: string;
      documentSide: string;
      fileName: string;
      contentType: string;
      sizeBytes: number;
      addDate: string;
    };
    paged: false;
  };
  /** Older card-to-card move */
  "POST /api/v1/customer/cards/movefunds": {
    query: never;
    body: {
      fromCardsId: number | string;
      toCardsId: number | string;
      amount: DecimalInput;
    };
    /** The answer's `details`. */
    details: {
      FromTransactionId: number;
      ToTransactionId: number;
      FeeTransactionId: number | null;
      amount: Decimal;
      feeAmount: Decimal;
      description: string;
      bPending: boolean;
      dateTime: string;
    };
    paged: false;
  };
  /** Older top-up: Deposit (account to card) or Withdraw (card to account) */
  "POST /api/v1/customer/cards/topup": {
    query: never;
    body: {
      CustomerAssetAccountsId: number | string;
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
      Amount: DecimalInput;
      Reference?: string;
      /** Deposit: account to card; Withdraw: card to account. */
      Type: "Deposit" | "Withdraw";
    };
    /** The answer's `details`. */
    details: {
      FromTransactionId: number;
      ToTransactionId: number;
      FeeTransactionId: number | null;
      amount: Decimal;
      feeAmount: Decimal;
      description: string;
      bPending: boolean;
      dateTime: string;
    };
    paged: false;
  };
  /** Move funds: TopUpCard (account to card), TopUpAccount (card to account), CardToCard */
  "POST /api/v1/customer/cards/transferfunds": {
    query: never;
    body: {
      amount: DecimalInput;
      reference?: string;
      transferTypes: "TopUpCard" | "TopUpAccount" | "CardToCard";
      /** USD (dUSD is for subledger customers, which this server has none of). */
      currencyType?: string;
      DestinationCardId?: number | string;
      SourceCardId?: number | string;
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
      /** The customer: the principal itself or one of its managees. */
      CustomersId?: number | string;
      /** Alias of CustomersId. */
      CustomerId?: number | string;
      /** The USD account (TopUpCard: the source; TopUpAccount: the destination). */
      CustomerAssetAccountId?: number | string;
      /** Alias of CustomerAssetAccountId. */
      CustomerAssetAccountsId?: number | string;
    };
    /** The answer's `details`. */
    details: {
      FromTransactionId: number;
      ToTransactionId: number;
      FeeTransactionId: number | null;
      amount: Decimal;
      feeAmount: Decimal;
      description: string;
      bPending: boolean;
      dateTime: string;
    };
    paged: false;
  };
  /** Buy crypto: executes at once at the current price, unless it needs approval (Ibanera body) */
  "POST /api/v1/customer/crypto-exchanges/buy": {
    query: never;
    body: {
      /** The customer trading (the principal or one of its accepted managees); the principal by default. */
      CustomersId?: number | string;
      /** BASE/QUOTE, e.g. BTC/USD (any case). */
      AssetPair: string;
      /** Amount: `Amount` is the base asset to buy or sell. Price: the quote-asset value to trade (`Price`, or `Amount` when Price is absent). */
      QuantityType: "Amount" | "Price";
      Amount?: DecimalInput;
      Price?: DecimalInput;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      exchangeType: "Buy" | "Sell";
      status: "WaitingForApproval" | "Rejected" | "WaitingForConfirmation" | "AwaitingRfi" | "Pending" | "Completed" | "Failed" | "Cancelled";
      fromTransactionsId: number | null;
      toTransactionsId: number | null;
      feeTransactionsId: number | null;
      customersId: number;
      assetPair: string;
      quantityType: "Amount" | "Price";
      /** Base asset, at the request. */
      requestAmount: Decimal;
      /** Quote-asset value, at the request. */
      requestPrice: Decimal;
      executedAmount: Decimal | null;
      executedPrice: Decimal | null;
      commissionFee: Decimal;
      /** The unit price of the quote traded at (or to be). */
      rate: Decimal;
      payeesId: number | null;
      transferType: string | null;
      payoutTransactionsId: number | null;
      bHasOpenRfi: boolean;
      fromCustomerAssetAccountId: number | null;
      toCustomerAssetAccountId: number | null;
      quote: {
        quoteId: number;
        assetPair: string;
        exchangeType: "Buy" | "Sell";
        /** One base unit in the quote asset. */
        price: Decimal;
        /** Base asset. */
        amount: Decimal;
        /** Quote-asset value of amount, commission excluded. */
        total: Decimal;
        /** Quote asset. */
        commissionFee: Decimal;
        expiresAt: string;
      } | null;
      dateAdded: string;
      dateUpdated: string;
    };
    paged: false;
  };
  /** Cancel a sell still waiting for confirmation; the hold is released */
  "POST /api/v1/customer/crypto-exchanges/cancel": {
    query: never;
    body: {
      ExchangeId: number | string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      exchangeType: "Buy" | "Sell";
      status: "WaitingForApproval" | "Rejected" | "WaitingForConfirmation" | "AwaitingRfi" | "Pending" | "Completed" | "Failed" | "Cancelled";
      fromTransactionsId: number | null;
      toTransactionsId: number | null;
      feeTransactionsId: number | null;
      customersId: number;
      assetPair: string;
      quantityType: "Amount" | "Price";
      /** Base asset, at the request. */
      requestAmount: Decimal;
      /** Quote-asset value, at the request. */
      requestPrice: Decimal;
      executedAmount: Decimal | null;
      executedPrice: Decimal | null;
      commissionFee: Decimal;
      /** The unit price of the quote traded at (or to be). */
      rate: Decimal;
      payeesId: number | null;
      transferType: string | null;
      payoutTransactionsId: number | null;
      bHasOpenRfi: boolean;
      fromCustomerAssetAccountId: number | null;
      toCustomerAssetAccountId: number | null;
      quote: {
        quoteId: number;
        assetPair: string;
        exchangeType: "Buy" | "Sell";
        /** One base unit in the quote asset. */
        price: Decimal;
        /** Base asset. */
        amount: Decimal;
        /** Quote-asset value of amount, commission excluded. */
        total: Decimal;
        /** Quote asset. */
        commissionFee: Decimal;
        expiresAt: string;
      } | null;
      dateAdded: string;
      dateUpdated: string;
    };
    paged: false;
  };
  /** Execute a waiting sell at its latest quote (Quote_Expired after its life) */
  "POST /api/v1/customer/crypto-exchanges/confirmsell": {
    query: never;
    body: {
      ExchangeId: number | string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      exchangeType: "Buy" | "Sell";
      status: "WaitingForApproval" | "Rejected" | "WaitingForConfirmation" | "AwaitingRfi" | "Pending" | "Completed" | "Failed" | "Cancelled";
      fromTransactionsId: number | null;
      toTransactionsId: number | null;
      feeTransactionsId: number | null;
      customersId: number;
      assetPair: string;
      quantityType: "Amount" | "Price";
      /** Base asset, at the request. */
      requestAmount: Decimal;
      /** Quote-asset value, at the request. */
      requestPrice: Decimal;
      executedAmount: Decimal | null;
      executedPrice: Decimal | null;
      commissionFee: Decimal;
      /** The unit price of the quote traded at (or to be). */
      rate: Decimal;
      payeesId: number | null;
      transferType: string | null;
      payoutTransactionsId: number | null;
      bHasOpenRfi: boolean;
      fromCustomerAssetAccountId: number | null;
      toCustomerAssetAccountId: number | null;
      quote: {
        quoteId: number;
        assetPair: string;
        exchangeType: "Buy" | "Sell";
        /** One base unit in the quote asset. */
        price: Decimal;
        /** Base asset. */
        amount: Decimal;
        /** Quote-asset value of amount, commission excluded. */
        total: Decimal;
        /** Quote asset. */
        commissionFee: Decimal;
        expiresAt: string;
      } | null;
      dateAdded: string;
      dateUpdated: string;
    };
    paged: false;
  };
  /** Price a buy or a sell now (not binding; ours) */
  "POST /api/v1/customer/crypto-exchanges/quote": {
    query: never;
    body: {
      /** The customer trading (the principal or one of its accepted managees); the principal by default. */
      CustomersId?: number | string;
      /** BASE/QUOTE, e.g. BTC/USD (any case). */
      AssetPair: string;
      /** Amount: `Amount` is the base asset to buy or sell. Price: the quote-asset value to trade (`Price`, or `Amount` when Price is absent). */
      QuantityType: "Amount" | "Price";
      Amount?: DecimalInput;
      Price?: DecimalInput;
      ExchangeType: "Buy" | "Sell";
    };
    /** The answer's `details`. */
    details: {
      quoteId: number;
      assetPair: string;
      exchangeType: "Buy" | "Sell";
      /** One base unit in the quote asset. */
      price: Decimal;
      /** Base asset. */
      amount: Decimal;
      /** Quote-asset value of amount, commission excluded. */
      total: Decimal;
      /** Quote asset. */
      commissionFee: Decimal;
      expiresAt: string;
    };
    paged: false;
  };
  /** Sell crypto: holds the amount and waits for confirmation within the quote life (IdempotencyKey header accepted) */
  "POST /api/v1/customer/crypto-exchanges/sell": {
    query: never;
    body: {
      /** The customer trading (the principal or one of its accepted managees); the principal by default. */
      CustomersId?: number | string;
      /** BASE/QUOTE, e.g. BTC/USD (any case). */
      AssetPair: string;
      /** Amount: `Amount` is the base asset to buy or sell. Price: the quote-asset value to trade (`Price`, or `Amount` when Price is absent). */
      QuantityType: "Amount" | "Price";
      Amount?: DecimalInput;
      Price?: DecimalInput;
      /** A saved bank payee: the fiat proceeds leave to it as an external transfer. */
      PayeesId?: number | string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      exchangeType: "Buy" | "Sell";
      status: "WaitingForApproval" | "Rejected" | "WaitingForConfirmation" | "AwaitingRfi" | "Pending" | "Completed" | "Failed" | "Cancelled";
      fromTransactionsId: number | null;
      toTransactionsId: number | null;
      feeTransactionsId: number | null;
      customersId: number;
      assetPair: string;
      quantityType: "Amount" | "Price";
      /** Base asset, at the request. */
      requestAmount: Decimal;
      /** Quote-asset value, at the request. */
      requestPrice: Decimal;
      executedAmount: Decimal | null;
      executedPrice: Decimal | null;
      commissionFee: Decimal;
      /** The unit price of the quote traded at (or to be). */
      rate: Decimal;
      payeesId: number | null;
      transferType: string | null;
      payoutTransactionsId: number | null;
      bHasOpenRfi: boolean;
      fromCustomerAssetAccountId: number | null;
      toCustomerAssetAccountId: number | null;
      quote: {
        quoteId: number;
        assetPair: string;
        exchangeType: "Buy" | "Sell";
        /** One base unit in the quote asset. */
        price: Decimal;
        /** Base asset. */
        amount: Decimal;
        /** Quote-asset value of amount, commission excluded. */
        total: Decimal;
        /** Quote asset. */
        commissionFee: Decimal;
        expiresAt: string;
      } | null;
      dateAdded: string;
      dateUpdated: string;
    };
    paged: false;
  };
  /** Execute a quote once, within its life (Quote_Expired otherwise) */
  "POST /api/v1/customer/foreign-exchanges/execute": {
    query: never;
    body: {
      QuoteId: number | string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      quoteId: number;
      customersId: number;
      customerId: number;
      sourceAsset: string;
      destinationAsset: string;
      sourceAmount: Decimal;
      destinationAmount: Decimal;
      rate: Decimal;
      fee: Decimal;
      sourceAccountId: number;
      destinationAccountId: number;
      fromTransactionsId: number;
      toTransactionsId: number;
      feeTransactionId: number | null;
      dateTime: string;
    };
    paged: false;
  };
  /** A binding quote for FX_QUOTE_TTL_SECONDS (exactly one of SourceAmount, DestinationAmount) */
  "POST /api/v1/customer/foreign-exchanges/quote": {
    query: never;
    body: {
      /** The customer converting (the principal by default). */
      CustomerId?: number | string;
      /** Alias of CustomerId. */
      CustomersId?: number | string;
      /** A fiat currency code, e.g. USD (any case). */
      SourceCurrency: string;
      /** A fiat currency code, e.g. USD (any case). */
      DestinationCurrency: string;
      /** Exactly one of SourceAmount and DestinationAmount. */
      SourceAmount?: DecimalInput;
      /** What the destination account receives, after the fee. */
      DestinationAmount?: DecimalInput;
      /** Default: the customer's account in SourceCurrency. */
      SourceAccountId?: number | string;
      /** Default: the customer's account in DestinationCurrency, opened on execution when there is none. */
      DestinationAccountId?: number | string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      customerId: number;
      assetPair: string;
      sourceAsset: string;
      destinationAsset: string;
      sourceAmount: Decimal;
      /** Credited to the destination account (after the fee). */
      destinationAmount: Decimal;
      /** The pair price (one base unit in the quote currency). */
      rate: Decimal;
      /** In the destination currency. */
      fee: Decimal;
      sourceAccountId: number;
      destinationAccountId: number | null;
      expiresAt: string;
    };
    paged: false;
  };
  /** Answer an information request (Ibanera; multipart/form-data): InformationRequestsId, one Answer_<questionId> field per text answer, files in Documents (PDF, PNG or JPEG; field names ours) */
  "POST /api/v1/customer/informationrequests/submitinformationrequest": {
    query: never;
    body: never;
    /** The answer's `details`. */
    details: {
      id: number;
      status: "More Information Required" | "Under Review" | "Accepted" | "Rejected" | "Expired";
      documentsIds: Array<number>;
    };
    paged: false;
  };
  /** Pull funds by ACH from a linked (verified) bank payee into the customer's USD account (pending until the bank settles it) */
  "POST /api/v1/customer/payees/achpull": {
    query: never;
    body: {
      PayeesId: number | string;
      DestinationAccountId: number | string;
      Amount: DecimalInput;
    };
    /** The answer's `details`. */
    details: {
      transactionsId: number;
      payeesId: number;
      destinationAccountId: number;
      amount: Decimal;
      transactionStatus: string;
      dateTime: string;
    };
    paged: false;
  };
  /** Save a payee for a customer */
  "POST /api/v1/customer/payees/create": {
    query: never;
    body: {
      CustomersId: number | string;
      CustomerAssetAccountsId?: number | string;
      TransferType?: string;
      PayeeType?: string;
      /** Personal (also Individual) or Company (also Business), any case; PayeeType is the same. */
      Type?: string;
      Name?: string;
      AccountName?: string;
      AccountNumber?: string;
      /** ABA routing number (ACH, Wire). On an external Wire it may be left out when SwiftCode is given: the bank directory supplies it, and a bank it has none for makes the wire international (SWIFT). */
      RoutingNumber?: string;
      SwiftCode?: string;
      /** Optional BIC; only X's (XXXX), N/A, NA, NONE, NULL, - or empty mean no intermediary. */
      IntermediaryBic?: string;
      Iban?: string;
      /** ISO 3166-1 alpha-3 (USA) or alpha-2 (US); USA by default for ACH and Wire. */
      CountryCode?: string;
      AddressLine1?: string;
      TownCity?: string;
      Postcode?: string;
      State?: string;
      /** Sandbox: the bank account counts as linked (Plaid at Ibanera), so ACH pulls may draw on it. Ignored in production. */
      bVerified?: boolean;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      customerAssetAccountsId: number | null;
      payeeType: "Personal" | "Company";
      transferType: "ACH" | "WIRE" | "SWIFT";
      name: string;
      accountName: string | null;
      accountNumber: string | null;
      routingNumber: string | null;
      swiftCode: string | null;
      intermediaryBic: string | null;
      iban: string | null;
      countryCode: string;
      addressLine1: string | null;
      townCity: string | null;
      postcode: string | null;
      state: string | null;
      dateAdded: string;
      bVerified: boolean;
    };
    paged: false;
  };
  /** Delete a saved payee */
  "POST /api/v1/customer/payees/delete": {
    query: never;
    body: {
      PayeesId: number | string;
    };
    /** The answer's `details`. */
    details: {
      payeesId: number;
      bDeleted: boolean;
    };
    paged: false;
  };
  /** Replace a saved payee's details */
  "POST /api/v1/customer/payees/edit": {
    query: never;
    body: {
      PayeesId: number | string;
      CustomerAssetAccountsId?: number | string;
      TransferType?: string;
      PayeeType?: string;
      /** Personal (also Individual) or Company (also Business), any case; PayeeType is the same. */
      Type?: string;
      Name?: string;
      AccountName?: string;
      AccountNumber?: string;
      /** ABA routing number (ACH, Wire). On an external Wire it may be left out when SwiftCode is given: the bank directory supplies it, and a bank it has none for makes the wire international (SWIFT). */
      RoutingNumber?: string;
      SwiftCode?: string;
      /** Optional BIC; only X's (XXXX), N/A, NA, NONE, NULL, - or empty mean no intermediary. */
      IntermediaryBic?: string;
      Iban?: string;
      /** ISO 3166-1 alpha-3 (USA) or alpha-2 (US); USA by default for ACH and Wire. */
      CountryCode?: string;
      AddressLine1?: string;
      TownCity?: string;
      Postcode?: string;
      State?: string;
      /** Sandbox: the bank account counts as linked (Plaid at Ibanera), so ACH pulls may draw on it. Ignored in production. */
      bVerified?: boolean;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      customerAssetAccountsId: number | null;
      payeeType: "Personal" | "Company";
      transferType: "ACH" | "WIRE" | "SWIFT";
      name: string;
      accountName: string | null;
      accountNumber: string | null;
      routingNumber: string | null;
      swiftCode: string | null;
      intermediaryBic: string | null;
      iban: string | null;
      countryCode: string;
      addressLine1: string | null;
      townCity: string | null;
      postcode: string | null;
      state: string | null;
      dateAdded: string;
      bVerified: boolean;
    };
    paged: false;
  };
  /** Delete a saved card (its sealed number is erased) */
  "POST /api/v1/customer/quick-buy/cards/delete": {
    query: never;
    body: {
      /** The saved card (also CardId, CardsId). */
      Id: number | string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      bDeleted: boolean;
    };
    paged: false;
  };
  /** Create a QuickBuy customer (minimal onboarding; KYC stays Pending) */
  "POST /api/v1/customer/quick-buy/customers/create": {
    query: never;
    body: {
      FirstName: string;
      LastName: string;
      EmailAddress: string;
      PhoneNumber?: string;
      /** ISO 3166-1 alpha-2 or alpha-3. */
      CountryISO: string;
      Reference?: string;
    };
    /** The answer's `details`. */
    details: {
      customersId: number;
      firstName: string;
      lastName: string;
      emailAddress: string;
      phoneNumber: string | null;
      countryISO: string | null;
      reference: string | null;
      verificationStatus: string;
      addDate: string;
    };
    paged: false;
  };
  /** Upload KYC documents of a QuickBuy customer (multipart: CustomersId, DocumentType?, one or more files) */
  "POST /api/v1/customer/quick-buy/customers/documentupload": {
    query: never;
    body: never;
    /** The answer's `details`. */
    details: Array<{
      id: number;
      customersId: number;
      fileName: string;
      documentType: string | null;
      contentType: string;
      sizeBytes: number;
      sha256: string;
      addDate: string;
    }>;
    paged: false;
  };
  /** What a card total buys now (not binding) */
  "POST /api/v1/customer/quick-buy/quote": {
    query: never;
    body: {
      CustomersId?: number | string;
      /** A crypto pair against USD, e.g. `BTC/USD`. */
      AssetPair: string;
      /** What the card would be charged, in USD, commission included. */
      Amount: DecimalInput;
    };
    /** The answer's `details`. */
    details: {
      assetPair: string;
      price: Decimal;
      amount: Decimal;
      currency: string;
      cryptoAsset: string;
      cryptoAmount: Decimal;
      commissionFee: Decimal;
      dateQuoted: string;
    };
    paged: false;
  };
  /** Buy crypto with a saved card (CardId) or new card details (Card); capture and delivery follow */
  "POST /api/v1/customer/quick-buy/submit": {
    query: never;
    body: {
      CustomersId: number | string;
      AssetPair: string;
      Amount: DecimalInput;
      /** A saved card; or give Card. */
      CardId?: number | string;
      Card?: {
        CardNumber: string;
        ExpiryMonth: number | string;
        ExpiryYear: number | string;
        Cvc: string;
        HolderName: string;
      };
      /** Save the new card (sealed; shown as last 4). */
      bSaveCard?: boolean;
    };
    /** The answer's `details`. */
    details: {
      id: string;
      customersId: number;
      source: string;
      status: string;
      assetPair: string;
      fiatAmount: Decimal | null;
      fiatCurrency: string;
      cryptoAsset: string;
      cryptoAmount: Decimal | null;
      price: Decimal | null;
      commissionFee: Decimal | null;
      cardLast4: string | null;
      cardId: number | null;
      chargeTransactionId: number | null;
      deliveryTransactionId: number | null;
      txHash: string | null;
      dateCreated: string;
      datePaid: string | null;
      dateCaptured: string | null;
      dateTransferred: string | null;
    };
    paged: false;
  };
  /** Approve or reject a managee card's request (MANAGEE_CARD_APPROVAL_UPDATED) */
  "POST /api/v1/customer/simulations/cards/approvals": {
    query: never;
    body: {
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
      Status: "Approved" | "Rejected";
    };
    /** The answer's `details`. */
    details: {
      TopUpCardsId: number;
      RequestedTopUpCardsId: number;
      Status: string;
      bManuallyUpdated: boolean;
    };
    paged: false;
  };
  /** A merchant authorization: a hold on the card (pending row), or a decline with its reason (Card_Inactive, Card_Limit_Exceeded, Insufficient_Funds) */
  "POST /api/v1/customer/simulations/cards/authorizations": {
    query: never;
    body: {
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
      Amount: DecimalInput;
      MerchantName: string;
      /** ISO 18245 merchant category code (4 digits). */
      MerchantCategoryCode?: string;
    };
    /** The answer's `details`. */
    details: {
      authorizationId: number;
      cardsId: number;
      cardTransactionsId: number;
      amount: Decimal;
      merchantName: string;
      status: string;
      expiresAt: string;
    };
    paged: false;
  };
  /** Capture an authorization in full or in part; the rest is released */
  "POST /api/v1/customer/simulations/cards/captures": {
    query: never;
    body: {
      AuthorizationId: number | string;
      /** At most the authorized amount; absent: all of it. */
      Amount?: DecimalInput;
    };
    /** The answer's `details`. */
    details: {
      authorizationId: number;
      cardTransactionsId: number;
      capturedAmount: Decimal;
      releasedAmount: Decimal;
      status: string;
    };
    paged: false;
  };
  /** A merchant refund credits the card */
  "POST /api/v1/customer/simulations/cards/refunds": {
    query: never;
    body: {
      /** The card (carddetails, sensitive-details spell it so). */
      CardId?: number | string;
      /** The card (activate, transactions; `cardsId` too). */
      CardsId?: number | string;
      /** The card (changecardpin spells it so). */
      TopUpCardsId?: number | string;
      Amount: DecimalInput;
      MerchantName: string;
      /** The captured purchase refunded (ours): its row then names the refund in RefundTransactionsID. */
      AuthorizationId?: number | string;
    };
    /** The answer's `details`. */
    details: {
      cardTransactionsId: number;
      cardsId: number;
      amount: Decimal;
      authorizationId: number | null;
    };
    paged: false;
  };
  /** Reverse a pending authorization (all of it is released) */
  "POST /api/v1/customer/simulations/cards/reversals": {
    query: never;
    body: {
      AuthorizationId: number | string;
    };
    /** The answer's `details`. */
    details: {
      authorizationId: number;
      cardTransactionsId: number;
      capturedAmount: Decimal;
      releasedAmount: Decimal;
      status: string;
    };
    paged: false;
  };
  /** Simulate an on-chain deposit to the account (ours); pending until completed, completed at once unless bComplete is false */
  "POST /api/v1/customer/simulations/crypto-deposits": {
    query: never;
    body: {
      DestinationAccountId: number | string;
      Amount: DecimalInput;
      SourceAddress?: string;
      bComplete?: boolean;
    };
    /** The answer's `details`. */
    details: null;
    paged: false;
  };
  /** Open an information request about a transaction or exchange (ours); a pending one is held for review */
  "POST /api/v1/customer/simulations/informationrequests": {
    query: never;
    body: {
      TransactionsId?: number | string;
      /** An exchange awaiting its RFI (once the exchanges module is in). */
      ExchangeId?: number | string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      status: "More Information Required" | "Under Review" | "Accepted" | "Rejected" | "Expired";
      addDate: string;
      /** addDate + RFI_EXPIRY_DAYS (ours: 7 by default, as in the docs example). */
      expiryDate: string;
      /** `OUT` for money leaving, `IN` for money arriving (the docs show `OUT`). */
      orderType: string;
      /** The name of the customer the request is about. */
      name: string;
      customersId: number;
      /** Compliance's latest note (with More Information Required). */
      note: string | null;
      transactionsId: number | null;
      exchangeId: number | null;
      description: string | null;
      amount: Decimal | null;
      asset: string | null;
      dateSubmitted: string | null;
      dateDecided: string | null;
      questions: Array<{
        id: number;
        question: string;
        answerType: "Text" | "Document";
        bRequired: boolean;
        answer: string | null;
      }>;
      documents: Array<{
        id: number;
        fileName: string;
        contentType: string;
        sizeBytes: number;
        sha256: string;
        addDate: string;
      }>;
    };
    paged: false;
  };
  /** Decide an information request as compliance would (ours): Accepted releases the held item, Rejected refunds it */
  "POST /api/v1/customer/simulations/informationrequests/decide": {
    query: never;
    body: {
      Id: number | string;
      Decision: "Accepted" | "Rejected" | "More Information Required";
      Note?: string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      status: "More Information Required" | "Under Review" | "Accepted" | "Rejected" | "Expired";
      rollbackTransactionId: number | null;
    };
    paged: false;
  };
  /** Simulate the managee's identity check completing (fires MANAGEE_JUMIO_COMPLETED) */
  "POST /api/v1/customer/simulations/managees/jumio-completed": {
    query: never;
    body: {
      ManageesId: number | string;
    };
    /** The answer's `details`. */
    details: {
      manageesId: number;
      dateJumioCompleted: string;
    };
    paged: false;
  };
  /** Simulate the compliance decision (fires MANAGEE_KYC_UPDATED); acceptance opens an account per asset the manager holds */
  "POST /api/v1/customer/simulations/managees/kyc": {
    query: never;
    body: {
      ManageesId: number | string;
      VerificationStatus: "Accepted" | "Rejected";
      RejectReason?: string;
    };
    /** The answer's `details`. */
    details: {
      manageesId: number;
      verificationStatus: string;
      accountsIds: Array<number>;
    };
    paged: false;
  };
  /** Simulate an incoming ACH, wire or SWIFT payment (Ibanera); `id` is the new transaction id (ours) */
  "POST /api/v1/customer/simulations/payins": {
    query: never;
    body: {
      DestinationAccountId: number | string;
      /** ACH or WIRE for US domestic accounts, SWIFT for international ones. */
      TransferType: "ACH" | "WIRE" | "SWIFT";
      Amount: DecimalInput;
      Name?: string;
      Reference?: string;
    };
    /** The answer's `details`. */
    details: null;
    paged: false;
  };
  /** Set a pair's price (ours); exchanges and FX quote from it at once */
  "POST /api/v1/customer/simulations/prices": {
    query: never;
    body: {
      AssetPair: string;
      /** One base unit in the quote asset; at most 18 decimals. */
      Price: DecimalInput;
    };
    /** The answer's `details`. */
    details: {
      assetPair: string;
      price: Decimal;
      dateUpdated: string;
    };
    paged: false;
  };
  /** Complete a pending transaction (ours) */
  "POST /api/v1/customer/simulations/transactions/complete": {
    query: never;
    body: {
      TransactionsId: number | string;
      Reason?: string;
    };
    /** The answer's `details`. */
    details: {
      transactionsId: number;
      rollbackTransactionId: number | null;
    };
    paged: false;
  };
  /** Fail a pending transaction; outbound funds return by a rollback transaction (ours) */
  "POST /api/v1/customer/simulations/transactions/fail": {
    query: never;
    body: {
      TransactionsId: number | string;
      Reason?: string;
    };
    /** The answer's `details`. */
    details: {
      transactionsId: number;
      rollbackTransactionId: number | null;
    };
    paged: false;
  };
  /** Cancel a pending outbound bank transfer (funds and fee come back through rollbacks) */
  "POST /api/v1/customer/transactions/cancel": {
    query: never;
    body: {
      TransactionsId: number | string;
      CustomersId?: number | string | null;
    };
    /** The answer's `details`. */
    details: {
      transactionsId: number;
      cancellationRequestsCode: string;
      rollbackTransactionId: number | null;
    };
    paged: false;
  };
  /** Internal crypto transfer between two accounts of one asset (completes at once) */
  "POST /api/v1/customer/transfers/crypto/createinternaltransfer": {
    query: never;
    body: {
      SourceAccountId: number | string;
      DestinationAccountId: number | string;
      Amount: DecimalInput;
      Reference?: string;
    };
    /** The answer's `details`. */
    details: {
      transactionsId: number;
      complementaryTransactionId: number;
      sourceAccountId: number;
      destinationAccountId: number;
      asset: string;
      amount: Decimal;
      reference: string | null;
      transactionStatus: string;
      dateTime: string;
    };
    paged: false;
  };
  /** Save a crypto wallet (the address checked as a withdrawal checks it) */
  "POST /api/v1/customer/transfers/crypto/wallets/create": {
    query: never;
    body: {
      /** The customer the wallet is saved for (you or a managee); you by default. */
      CustomersId?: number | string;
      /** The asset code (BTC, ETH, USDC…). Required unless AssetsId is given. */
      Asset?: string;
      /** The same asset code (this server gives assets no numeric id); an alias of Asset. */
      AssetsId?: string;
      Name: string;
      Address: string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      asset: string;
      name: string;
      address: string;
      dateAdded: string;
    };
    paged: false;
  };
  /** Delete a saved wallet */
  "POST /api/v1/customer/transfers/crypto/wallets/delete": {
    query: never;
    body: {
      WalletId: number | string;
    };
    /** The answer's `details`. */
    details: {
      walletId: number;
      bDeleted: boolean;
    };
    paged: false;
  };
  /** Rename a saved wallet or change its address */
  "POST /api/v1/customer/transfers/crypto/wallets/edit": {
    query: never;
    body: {
      WalletId: number | string;
      Name?: string;
      Address?: string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      asset: string;
      name: string;
      address: string;
      dateAdded: string;
    };
    paged: false;
  };
  /** Internal fiat transfer between two accounts of one asset (completes at once) */
  "POST /api/v1/customer/transfers/fiat/createinternaltransfer": {
    query: never;
    body: {
      SourceAccountId: number | string;
      DestinationAccountId: number | string;
      Amount: DecimalInput;
      Reference?: string;
    };
    /** The answer's `details`. */
    details: {
      transactionsId: number;
      complementaryTransactionId: number;
      sourceAccountId: number;
      destinationAccountId: number;
      asset: string;
      amount: Decimal;
      reference: string | null;
      transactionStatus: string;
      dateTime: string;
    };
    paged: false;
  };
  /** Send a completed inbound bank deposit back to its sender */
  "POST /api/v1/customer/transfers/reverseinboundtransfer": {
    query: never;
    body: {
      TransactionsId: number | string;
      ReasonCode: string;
      Notes?: string;
    };
    /** The answer's `details`. */
    details: {
      transactionsId: number;
      originalTransactionId: number;
      amount: Decimal;
      reasonCode: string;
      transactionStatus: string;
      dateTime: string;
    };
    paged: false;
  };
  /** Log in with username, password and TOTP */
  "POST /api/v1/public/auth/login": {
    query: never;
    body: {
      username: string;
      password: string;
      /** The current TOTP; a code that logged in once cannot log in again. */
      otp: string;
    };
    /** The answer's `details`. */
    details: {
      accessToken: string;
      expiresIn: number;
    };
    paged: false;
  };
  /** Create an asset account for a customer */
  "POST /api/v2/customer/accounts/create": {
    query: never;
    body: {
      CustomersId: number | string;
      Name: string;
      Asset: string;
    };
    /** The answer's `details`. */
    details: {
      customersId: number;
      customersReference: string;
      accounts: Array<{
        id: number;
        name: string;
        routingNumber: string | null;
        accountNumber: string | null;
        swiftCode: string | null;
        reference: string | null;
        asset: string;
        totalBalance: Decimal;
        availableBalance: Decimal;
        pendingBalance: Decimal;
        bSuppressed: boolean;
      }>;
    };
    paged: false;
  };
  /** Create a business: a managee of yours (a business customer), Pending until its KYB is decided */
  "POST /api/v2/customer/business/create": {
    query: never;
    body: {
      PersonalDetails: {
        FirstName: string;
        MiddleNames?: string;
        LastName: string;
        /** Your reference for the business. */
        Reference?: string;
        /** The main currency: a fiat currency of the creation parameters. */
        CurrencyCode: string;
        /** The main account holder's e-mail: the business user's username (unique). */
        EmailAddress: string;
        /** E.164: +, country code and number (spaces, dashes, dots and brackets are ignored). */
        PhoneNumber: string;
      };
      /** Ours: the business's name (the main account holder's name when absent). */
      CompanyName?: string;
      /** ISO 3166-1 alpha-3 or alpha-2. */
      RegisteredCountryCode: string;
      bConductsThirdPartyPayments?: boolean;
      /** Products of the creation parameters (any case). */
      RequestedProducts: Array<string>;
      /** Record that a welcome e-mail is due (this server sends no mail). */
      SendInvite?: boolean;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      customersReference: string;
      verificationStatus: string;
      bInviteDue: boolean;
    };
    paged: false;
  };
  /** Submit the business's verification (KYB): its answers, with the required documents uploaded; then it awaits the decision */
  "POST /api/v2/customer/business/submitverification": {
    query: never;
    body: {
      CustomersId: number | string;
      LegalEntityName: string;
      RegistrationNumber: string;
      /** One of the verification parameters’ entityTypes. */
      EntityType: string;
      /** YYYY-MM-DD, in the past. */
      DateOfIncorporation: string;
      AddressLine1: string;
      AddressLine2?: string;
      TownCity: string;
      Postcode: string;
      /** ISO 3166-1 alpha-3 or alpha-2. */
      CountryCode: string;
      /** A US state code (required when CountryCode is USA). */
      StateCode?: string;
      /** An id of mainActivityTypes. */
      MainActivityType: number | string;
      /** Ids of sourceFundTypes. */
      SourceFundTypes: Array<number | string>;
      /** An id of transactionVolumes. */
      TransactionVolume: number | string;
      /** An id of monthlyUsdEquivalents. */
      MonthlyUsdEquivalent: number | string;
      TaxNumber?: string;
      Website?: string;
    };
    /** The answer's `details`. */
    details: {
      customersId: number;
      verificationStatus: "Not Submitted" | "Under Review" | "Accepted" | "Rejected";
      dateSubmitted: string | null;
      dateAccepted: string | null;
      dateRejected: string | null;
      rejectReason: string | null;
      bInviteDue: boolean;
      documents: Array<{
        documentId: number;
        documentType: string;
        fileName: string;
        contentType: string;
        sizeBytes: number;
        sha256: string;
        addDate: string;
      }>;
      missingDocumentTypes: Array<string>;
    };
    paged: false;
  };
  /** Create a managee (a customer you manage); answers the identity-verification link */
  "POST /api/v2/customer/managees/create": {
    query: never;
    body: {
      firstGivenName: string;
      lastSurname: string;
      fullName?: string;
      emailAddress: string;
      phoneNumber: string;
      /** YYYY-MM-DD; the managee must be an adult. */
      dateOfBirth: string;
      /** ISO 3166-1 alpha-3 (alpha-2 accepted). */
      nationalityISO: string;
      /** ISO 3166-1 alpha-3 (alpha-2 accepted). */
      AddressCountryISO: string;
      addressLine1: string;
      townCity: string;
      postcode: string;
      StateProvince?: string;
      manageesReference?: string;
      taxNumber?: string;
      occupation?: string;
      fiatCurrencyCode?: string;
      /** Base64 document, at most DOCUMENT_SIZE_MAX_BYTES once decoded. */
      proofOfAddressFile?: string;
      ProofOfAddressType?: string;
      bNotCriminal?: boolean;
      bAccurateInfo?: boolean;
      /** A number or numeric string (kept exactly as given). */
      EstimatedNetWorth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      EstimatedGrossAnnualIncome?: DecimalInput;
      OtherBanks?: Array<unknown>;
      bActivelyEmployed?: boolean;
      EmployedCompanyName?: string;
      EmployedJobTitle?: string;
      PurposeOfOpeningAccountTypes?: Array<unknown>;
      /** A number or numeric string (kept exactly as given). */
      MonthlyTurnover?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      AnticipatedTransactionActivity?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoTotalAmountPerMonth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoTotalAmountPerMonth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalMonthlyAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      BtcTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      EthTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      UsdcTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      OtherCoinsTradingPercentage?: DecimalInput;
      SourceFundsTypes?: Array<unknown>;
      bIrsTax?: boolean;
      bForeignAccountTax?: boolean;
    };
    /** The answer's `details`. */
    details: {
      manageesId: number;
      customersReference: string;
      jumioLink: string | null;
    };
    paged: false;
  };
  /** Save a payee for a customer */
  "POST /api/v2/customer/payees/create": {
    query: never;
    body: {
      CustomersId: number | string;
      CustomerAssetAccountsId?: number | string;
      TransferType?: string;
      PayeeType?: string;
      /** Personal (also Individual) or Company (also Business), any case; PayeeType is the same. */
      Type?: string;
      Name?: string;
      AccountName?: string;
      AccountNumber?: string;
      /** ABA routing number (ACH, Wire). On an external Wire it may be left out when SwiftCode is given: the bank directory supplies it, and a bank it has none for makes the wire international (SWIFT). */
      RoutingNumber?: string;
      SwiftCode?: string;
      /** Optional BIC; only X's (XXXX), N/A, NA, NONE, NULL, - or empty mean no intermediary. */
      IntermediaryBic?: string;
      Iban?: string;
      /** ISO 3166-1 alpha-3 (USA) or alpha-2 (US); USA by default for ACH and Wire. */
      CountryCode?: string;
      AddressLine1?: string;
      TownCity?: string;
      Postcode?: string;
      State?: string;
      /** Sandbox: the bank account counts as linked (Plaid at Ibanera), so ACH pulls may draw on it. Ignored in production. */
      bVerified?: boolean;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      customerAssetAccountsId: number | null;
      payeeType: "Personal" | "Company";
      transferType: "ACH" | "WIRE" | "SWIFT";
      name: string;
      accountName: string | null;
      accountNumber: string | null;
      routingNumber: string | null;
      swiftCode: string | null;
      intermediaryBic: string | null;
      iban: string | null;
      countryCode: string;
      addressLine1: string | null;
      townCity: string | null;
      postcode: string | null;
      state: string | null;
      dateAdded: string;
      bVerified: boolean;
    };
    paged: false;
  };
  /** Withdraw crypto to an address, optionally saving it as a wallet (a pending outbound transaction) */
  "POST /api/v2/customer/transfers/crypto/withdraw": {
    query: never;
    body: {
      AccountsId: number | string;
      Amount: DecimalInput;
      DestinationAddress: string;
      /** Also save the address as a wallet (WalletName required), in the same transaction. */
      bSaveWallet?: boolean;
      WalletName?: string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      accountsId: number;
      amount: Decimal;
      description: string;
      dateTime: string;
      bPending: boolean;
      walletId: number | null;
    };
    paged: false;
  };
  /** Withdraw crypto to a saved wallet (a pending outbound transaction) */
  "POST /api/v2/customer/transfers/crypto/withdrawtosavedwallet": {
    query: never;
    body: {
      AccountsId: number | string;
      Amount: DecimalInput;
      WalletId: number | string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      accountsId: number;
      amount: Decimal;
      description: string;
      dateTime: string;
      bPending: boolean;
      walletId: number | null;
    };
    paged: false;
  };
  /** Create a managee (a customer you manage); answers the identity-verification link */
  "POST /api/v3/customer/managees/create": {
    query: never;
    body: {
      firstGivenName: string;
      lastSurname: string;
      fullName?: string;
      emailAddress: string;
      phoneNumber: string;
      /** YYYY-MM-DD; the managee must be an adult. */
      dateOfBirth: string;
      /** ISO 3166-1 alpha-3 (alpha-2 accepted). */
      nationalityISO: string;
      /** ISO 3166-1 alpha-3 (alpha-2 accepted). */
      AddressCountryISO: string;
      addressLine1: string;
      townCity: string;
      postcode: string;
      StateProvince?: string;
      manageesReference?: string;
      taxNumber?: string;
      occupation?: string;
      fiatCurrencyCode?: string;
      /** Base64 document, at most DOCUMENT_SIZE_MAX_BYTES once decoded. */
      proofOfAddressFile?: string;
      ProofOfAddressType?: string;
      bNotCriminal?: boolean;
      bAccurateInfo?: boolean;
      /** A number or numeric string (kept exactly as given). */
      EstimatedNetWorth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      EstimatedGrossAnnualIncome?: DecimalInput;
      OtherBanks?: Array<unknown>;
      bActivelyEmployed?: boolean;
      EmployedCompanyName?: string;
      EmployedJobTitle?: string;
      PurposeOfOpeningAccountTypes?: Array<unknown>;
      /** A number or numeric string (kept exactly as given). */
      MonthlyTurnover?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      AnticipatedTransactionActivity?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoTotalAmountPerMonth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoTotalAmountPerMonth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalMonthlyAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      BtcTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      EthTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      UsdcTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      OtherCoinsTradingPercentage?: DecimalInput;
      SourceFundsTypes?: Array<unknown>;
      bIrsTax?: boolean;
      bForeignAccountTax?: boolean;
    };
    /** The answer's `details`. */
    details: {
      manageesId: number;
      customersReference: string;
      jumioLink: string | null;
    };
    paged: false;
  };
  /** Save a Visa Direct card payee (the card number checked by Luhn, stored encrypted, shown as its last 4 digits) */
  "POST /api/v3/customer/payees/card/create": {
    query: never;
    body: {
      CustomersId: number | string;
      /** The cardholder's name. */
      Name: string;
      /** The debit card number (spaces and dashes allowed); checked by Luhn, stored encrypted, never shown again. */
      CardNumber: string;
      /** 1 to 12. */
      ExpiryMonth: number | string;
      /** Four digits; the card must not have expired (it is good through its expiry month). */
      ExpiryYear: number | string;
      /** ISO 3166-1 alpha-3 or alpha-2 of the card's issuer; USA by default. */
      CountryCode?: string;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      name: string;
      cardLastFour: string;
      maskedCardNumber: string;
      expiryMonth: number;
      expiryYear: number;
      countryCode: string;
      dateAdded: string;
    };
    paged: false;
  };
  /** Save a payee for a customer */
  "POST /api/v3/customer/payees/create": {
    query: never;
    body: {
      CustomersId: number | string;
      CustomerAssetAccountsId?: number | string;
      TransferType?: string;
      PayeeType?: string;
      /** Personal (also Individual) or Company (also Business), any case; PayeeType is the same. */
      Type?: string;
      Name?: string;
      AccountName?: string;
      AccountNumber?: string;
      /** ABA routing number (ACH, Wire). On an external Wire it may be left out when SwiftCode is given: the bank directory supplies it, and a bank it has none for makes the wire international (SWIFT). */
      RoutingNumber?: string;
      SwiftCode?: string;
      /** Optional BIC; only X's (XXXX), N/A, NA, NONE, NULL, - or empty mean no intermediary. */
      IntermediaryBic?: string;
      Iban?: string;
      /** ISO 3166-1 alpha-3 (USA) or alpha-2 (US); USA by default for ACH and Wire. */
      CountryCode?: string;
      AddressLine1?: string;
      TownCity?: string;
      Postcode?: string;
      State?: string;
      /** Sandbox: the bank account counts as linked (Plaid at Ibanera), so ACH pulls may draw on it. Ignored in production. */
      bVerified?: boolean;
    };
    /** The answer's `details`. */
    details: {
      id: number;
      customersId: number;
      customerAssetAccountsId: number | null;
      payeeType: "Personal" | "Company";
      transferType: "ACH" | "WIRE" | "SWIFT";
      name: string;
      accountName: string | null;
      accountNumber: string | null;
      routingNumber: string | null;
      swiftCode: string | null;
      intermediaryBic: string | null;
      iban: string | null;
      countryCode: string;
      addressLine1: string | null;
      townCity: string | null;
      postcode: string | null;
      state: string | null;
      dateAdded: string;
      bVerified: boolean;
    };
    paged: false;
  };
  /** External fiat transfer by ACH, Wire, SWIFT, or VisaDirect to a card payee (pending until settled; a fee transaction from the fee schedule) */
  "POST /api/v3/customer/transfers/fiat/createexternaltransfer": {
    query: never;
    body: {
      SourceAccountId: number | string;
      /** ACH, Wire, SWIFT or VisaDirect (any case; VisaDirect pays a card payee, CardPayeesId). A Wire to a bank abroad (a SwiftCode the bank directory has no routing number for) goes by SWIFT. */
      TransferType: string;
      Payee?: {
        TransferType?: string;
        PayeeType?: string;
        /** Personal (also Individual) or Company (also Business), any case; PayeeType is the same. */
        Type?: string;
        Name?: string;
        AccountName?: string;
        AccountNumber?: string;
        /** ABA routing number (ACH, Wire). On an external Wire it may be left out when SwiftCode is given: the bank directory supplies it, and a bank it has none for makes the wire international (SWIFT). */
        RoutingNumber?: string;
        SwiftCode?: string;
        /** Optional BIC; only X's (XXXX), N/A, NA, NONE, NULL, - or empty mean no intermediary. */
        IntermediaryBic?: string;
        Iban?: string;
        /** ISO 3166-1 alpha-3 (USA) or alpha-2 (US); USA by default for ACH and Wire. */
        CountryCode?: string;
        AddressLine1?: string;
        TownCity?: string;
        Postcode?: string;
        State?: string;
      };
      /** A saved payee instead of an inline Payee. */
      PayeesId?: number | string;
      Originator?: {
        CompanyId?: string;
        Name?: string;
        AddressLine1?: string;
        AddressLine2?: string;
        AddressLine3?: string;
        Data?: string;
      };
      bSavePayee?: boolean;
      Amount: DecimalInput;
      Reference?: string;
      /** Required for SWIFT; see the purpose codes list. */
      PurposeCode?: string;
      /** TransferType VisaDirect: the card payee paid out to (a push to its debit card). */
      CardPayeesId?: number | string;
    };
    /** The answer's `details`. */
    details: {
      transactionsId: number;
      feeTransactionId: number | null;
      payeesId: number | null;
      transferType: string;
      amount: Decimal;
      feeAmount: Decimal;
      transactionStatus: string;
      dateTime: string;
    };
    paged: false;
  };
  /** Create a managee (a customer you manage); answers the identity-verification link */
  "POST /api/v4/customer/managees/create": {
    query: never;
    body: {
      firstGivenName: string;
      lastSurname: string;
      fullName?: string;
      emailAddress: string;
      phoneNumber: string;
      /** YYYY-MM-DD; the managee must be an adult. */
      dateOfBirth: string;
      /** ISO 3166-1 alpha-3 (alpha-2 accepted). */
      nationalityISO: string;
      /** ISO 3166-1 alpha-3 (alpha-2 accepted). */
      AddressCountryISO: string;
      addressLine1: string;
      townCity: string;
      postcode: string;
      StateProvince?: string;
      manageesReference?: string;
      taxNumber?: string;
      occupation?: string;
      fiatCurrencyCode?: string;
      /** Base64 document, at most DOCUMENT_SIZE_MAX_BYTES once decoded. */
      proofOfAddressFile?: string;
      ProofOfAddressType?: string;
      bNotCriminal?: boolean;
      bAccurateInfo?: boolean;
      /** A number or numeric string (kept exactly as given). */
      EstimatedNetWorth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      EstimatedGrossAnnualIncome?: DecimalInput;
      OtherBanks?: Array<unknown>;
      bActivelyEmployed?: boolean;
      EmployedCompanyName?: string;
      EmployedJobTitle?: string;
      PurposeOfOpeningAccountTypes?: Array<unknown>;
      /** A number or numeric string (kept exactly as given). */
      MonthlyTurnover?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      AnticipatedTransactionActivity?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoTotalAmountPerMonth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoTotalAmountPerMonth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalMonthlyAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      BtcTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      EthTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      UsdcTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      OtherCoinsTradingPercentage?: DecimalInput;
      SourceFundsTypes?: Array<unknown>;
      bIrsTax?: boolean;
      bForeignAccountTax?: boolean;
    };
    /** The answer's `details`. */
    details: {
      manageesId: number;
      customersReference: string;
      jumioLink: string | null;
    };
    paged: false;
  };
  /** Create a managee (a customer you manage); answers the identity-verification link */
  "POST /api/v5/customer/managees/create": {
    query: never;
    body: {
      firstGivenName: string;
      lastSurname: string;
      fullName?: string;
      emailAddress: string;
      phoneNumber: string;
      /** YYYY-MM-DD; the managee must be an adult. */
      dateOfBirth: string;
      /** ISO 3166-1 alpha-3 (alpha-2 accepted). */
      nationalityISO: string;
      /** ISO 3166-1 alpha-3 (alpha-2 accepted). */
      AddressCountryISO: string;
      addressLine1: string;
      townCity: string;
      postcode: string;
      StateProvince?: string;
      manageesReference?: string;
      taxNumber?: string;
      occupation?: string;
      fiatCurrencyCode?: string;
      /** Base64 document, at most DOCUMENT_SIZE_MAX_BYTES once decoded. */
      proofOfAddressFile?: string;
      ProofOfAddressType?: string;
      bNotCriminal?: boolean;
      bAccurateInfo?: boolean;
      /** A number or numeric string (kept exactly as given). */
      EstimatedNetWorth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      EstimatedGrossAnnualIncome?: DecimalInput;
      OtherBanks?: Array<unknown>;
      bActivelyEmployed?: boolean;
      EmployedCompanyName?: string;
      EmployedJobTitle?: string;
      PurposeOfOpeningAccountTypes?: Array<unknown>;
      /** A number or numeric string (kept exactly as given). */
      MonthlyTurnover?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      AnticipatedTransactionActivity?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      PurchaseCryptoTotalAmountPerMonth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      SellingCryptoTotalAmountPerMonth?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalMonthlyVolume?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalAverageAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      TotalMonthlyAmount?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      BtcTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      EthTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      UsdcTradingPercentage?: DecimalInput;
      /** A number or numeric string (kept exactly as given). */
      OtherCoinsTradingPercentage?: DecimalInput;
      SourceFundsTypes?: Array<unknown>;
      bIrsTax?: boolean;
      bForeignAccountTax?: boolean;
    };
    /** The answer's `details`. */
    details: {
      manageesId: number;
      customersReference: string;
      jumioLink: string | null;
    };
    paged: false;
  };
  /** Create a payment; answers its PaymentURL (the hosted payment page) */
  "POST /quickbuy/v1/create": {
    query: never;
    body: {
      client: {
        /** The merchant's reference of the buyer (UserReference), 15–75 characters. */
        reference: string;
        first: string;
        last: string;
        email: string;
        phone?: string;
      };
      payment: {
        /** What the card is charged, in USD (2 decimals at most). */
        amount: DecimalInput;
        /** `USD` only. */
        currency: string;
        /** Minutes the payment page accepts a card (1–10080). */
        timeoutMin: number | string;
      };
      /** HTTPS; the page goes there 5 s after the card is processed. */
      redirectURL?: string;
    };
    /** The answer's `details`. */
    details: unknown;
    paged: false;
  };
}

/** What the client needs at run time: paged lists, authentication, and where the decimals are. */
export const OPERATIONS = {
  "DELETE /quickbuy/v1/delete": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/accounts/account": { paged: false, authenticated: true, responseDecimals: ["details.totalBalance","details.availableBalance","details.pendingBalance"], bodyDecimals: [] },
  "GET /api/v1/customer/accounts/balances": { paged: true, authenticated: true, responseDecimals: ["details[].totalBalance","details[].availableBalance","details[].pendingBalance"], bodyDecimals: [] },
  "GET /api/v1/customer/accounts/crypto/depositaddress": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/accounts/list-accounts": { paged: true, authenticated: true, responseDecimals: ["details[].totalBalance","details[].availableBalance","details[].pendingBalance"], bodyDecimals: [] },
  "GET /api/v1/customer/accounts/transactions": { paged: true, authenticated: true, responseDecimals: ["details[].amount"], bodyDecimals: [] },
  "GET /api/v1/customer/accounts/transactions/get": { paged: false, authenticated: true, responseDecimals: ["details.amount","details.feeTransactionAmount","details.assetExchangeTransferDetails.requestAmount","details.assetExchangeTransferDetails.requestPrice","details.assetExchangeTransferDetails.executedAmount","details.assetExchangeTransferDetails.executedPrice","details.assetExchangeTransferDetails.fromAssetRequestedAmount","details.assetExchangeTransferDetails.toAssetRequestedAmount","details.assetExchangeTransferDetails.toAssetExecutedAmount","details.assetExchangeTransferDetails.commissionFee"], bodyDecimals: [] },
  "GET /api/v1/customer/business/verificationstatus": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/cards/balances": { paged: true, authenticated: true, responseDecimals: ["details[].totalBalance","details[].availableBalance","details[].pendingBalance"], bodyDecimals: [] },
  "GET /api/v1/customer/cards/byuser": { paged: false, authenticated: true, responseDecimals: ["details.Cards[].TotalBalance","details.Cards[].AvailableBalance","details.Cards[].PendingBalance"], bodyDecimals: [] },
  "GET /api/v1/customer/cards/byuser/list": { paged: true, authenticated: true, responseDecimals: ["details[].cards[].totalBalance","details[].cards[].availableBalance","details[].cards[].pendingBalance"], bodyDecimals: [] },
  "GET /api/v1/customer/cards/carddetails": { paged: false, authenticated: true, responseDecimals: ["details.totalBalance","details.availableBalance","details.pendingBalance"], bodyDecimals: [] },
  "GET /api/v1/customer/cards/compliancefields": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/cards/reviewcreatecard": { paged: false, authenticated: true, responseDecimals: ["details.personalReviewDetails.estimatedGrossAnnualIncome","details.personalReviewDetails.estimatedNetWorth"], bodyDecimals: [] },
  "GET /api/v1/customer/cards/sensitive-details": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/cards/transactions": { paged: true, authenticated: true, responseDecimals: ["details[].amount"], bodyDecimals: [] },
  "GET /api/v1/customer/crypto-exchanges/availablepairs": { paged: true, authenticated: true, responseDecimals: ["details[].commissionFeePercentage","details[].minTradeAmount","details[].maxTradeAmount","details[].minTradePrice","details[].maxTradePrice"], bodyDecimals: [] },
  "GET /api/v1/customer/crypto-exchanges/get": { paged: false, authenticated: true, responseDecimals: ["details.requestAmount","details.requestPrice","details.executedAmount","details.executedPrice","details.commissionFee","details.rate","details.quote.price","details.quote.amount","details.quote.total","details.quote.commissionFee"], bodyDecimals: [] },
  "GET /api/v1/customer/crypto-exchanges/list": { paged: true, authenticated: true, responseDecimals: ["details[].requestAmount","details[].requestPrice","details[].executedAmount","details[].executedPrice","details[].commissionFee","details[].rate","details[].quote.price","details[].quote.amount","details[].quote.total","details[].quote.commissionFee"], bodyDecimals: [] },
  "GET /api/v1/customer/crypto-exchanges/reviewquote": { paged: false, authenticated: true, responseDecimals: ["details.price","details.amount","details.total","details.commissionFee"], bodyDecimals: [] },
  "GET /api/v1/customer/foreign-exchanges/account-details": { paged: false, authenticated: true, responseDecimals: ["details.sourceAccounts[].availableBalance","details.destinationAccounts[].availableBalance"], bodyDecimals: [] },
  "GET /api/v1/customer/foreign-exchanges/list": { paged: true, authenticated: true, responseDecimals: ["details[].sourceAmount","details[].destinationAmount","details[].rate","details[].fee"], bodyDecimals: [] },
  "GET /api/v1/customer/foreign-exchanges/pairs": { paged: true, authenticated: true, responseDecimals: ["details[].commissionFeePercentage","details[].minTradeAmount","details[].maxTradeAmount","details[].minTradePrice","details[].maxTradePrice"], bodyDecimals: [] },
  "GET /api/v1/customer/informationrequests/getinformationrequestdetails": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: [] },
  "GET /api/v1/customer/informationrequests/getinformationrequestlist": { paged: true, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/payees/get": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/payees/list": { paged: true, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/quick-buy/availablepairs": { paged: true, authenticated: true, responseDecimals: ["details[].commissionFeePercentage","details[].minTradeAmount","details[].maxTradeAmount","details[].minTradePrice","details[].maxTradePrice"], bodyDecimals: [] },
  "GET /api/v1/customer/quick-buy/cards/get": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/quick-buy/cards/list": { paged: true, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/quick-buy/get": { paged: false, authenticated: true, responseDecimals: ["details.fiatAmount","details.cryptoAmount","details.price","details.commissionFee"], bodyDecimals: [] },
  "GET /api/v1/customer/quick-buy/list": { paged: true, authenticated: true, responseDecimals: ["details[].fiatAmount","details[].cryptoAmount","details[].price","details[].commissionFee"], bodyDecimals: [] },
  "GET /api/v1/customer/transactions/cancel": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/transfers/crypto/wallets/list": { paged: true, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/transfers/lookupbankdetails": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/transfers/purposecodes": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v1/customer/transfers/reverseinboundtransfer": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v2/customer/accounts/transactions/get": { paged: false, authenticated: true, responseDecimals: ["details.amount","details.feeTransactionAmount","details.assetExchangeTransferDetails.requestAmount","details.assetExchangeTransferDetails.requestPrice","details.assetExchangeTransferDetails.executedAmount","details.assetExchangeTransferDetails.executedPrice","details.assetExchangeTransferDetails.fromAssetRequestedAmount","details.assetExchangeTransferDetails.toAssetRequestedAmount","details.assetExchangeTransferDetails.toAssetExecutedAmount","details.assetExchangeTransferDetails.commissionFee"], bodyDecimals: [] },
  "GET /api/v2/customer/business/creationparameters": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v2/customer/business/verificationparameters": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v2/customer/managees/list": { paged: true, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v3/customer/payees/card/get": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /api/v3/customer/payees/card/list": { paged: true, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /health": { paged: false, authenticated: false, responseDecimals: [], bodyDecimals: [] },
  "GET /quickbuy/v1/get": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /quickbuy/v1/list": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "GET /ready": { paged: false, authenticated: false, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/accounts/crypto/depositaddress": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/accounts/crypto/withdraw": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: ["amount"] },
  "POST /api/v1/customer/business/deletedocument": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/business/uploaddocument": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/cards/activate": { paged: false, authenticated: true, responseDecimals: ["details.card.totalBalance","details.card.availableBalance","details.card.pendingBalance"], bodyDecimals: [] },
  "POST /api/v1/customer/cards/changecardpin": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/cards/create": { paged: false, authenticated: true, responseDecimals: ["details.card.totalBalance","details.card.availableBalance","details.card.pendingBalance"], bodyDecimals: ["personalReviewDetails.estimatedGrossAnnualIncome","personalReviewDetails.estimatedNetWorth"] },
  "POST /api/v1/customer/cards/create-with-dda": { paged: false, authenticated: true, responseDecimals: ["details.card.totalBalance","details.card.availableBalance","details.card.pendingBalance"], bodyDecimals: ["personalReviewDetails.estimatedGrossAnnualIncome","personalReviewDetails.estimatedNetWorth"] },
  "POST /api/v1/customer/cards/deactivate": { paged: false, authenticated: true, responseDecimals: ["details.card.totalBalance","details.card.availableBalance","details.card.pendingBalance"], bodyDecimals: [] },
  "POST /api/v1/customer/cards/documentupload": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/cards/movefunds": { paged: false, authenticated: true, responseDecimals: ["details.amount","details.feeAmount"], bodyDecimals: ["amount"] },
  "POST /api/v1/customer/cards/topup": { paged: false, authenticated: true, responseDecimals: ["details.amount","details.feeAmount"], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/cards/transferfunds": { paged: false, authenticated: true, responseDecimals: ["details.amount","details.feeAmount"], bodyDecimals: ["amount"] },
  "POST /api/v1/customer/crypto-exchanges/buy": { paged: false, authenticated: true, responseDecimals: ["details.requestAmount","details.requestPrice","details.executedAmount","details.executedPrice","details.commissionFee","details.rate","details.quote.price","details.quote.amount","details.quote.total","details.quote.commissionFee"], bodyDecimals: ["Amount","Price"] },
  "POST /api/v1/customer/crypto-exchanges/cancel": { paged: false, authenticated: true, responseDecimals: ["details.requestAmount","details.requestPrice","details.executedAmount","details.executedPrice","details.commissionFee","details.rate","details.quote.price","details.quote.amount","details.quote.total","details.quote.commissionFee"], bodyDecimals: [] },
  "POST /api/v1/customer/crypto-exchanges/confirmsell": { paged: false, authenticated: true, responseDecimals: ["details.requestAmount","details.requestPrice","details.executedAmount","details.executedPrice","details.commissionFee","details.rate","details.quote.price","details.quote.amount","details.quote.total","details.quote.commissionFee"], bodyDecimals: [] },
  "POST /api/v1/customer/crypto-exchanges/quote": { paged: false, authenticated: true, responseDecimals: ["details.price","details.amount","details.total","details.commissionFee"], bodyDecimals: ["Amount","Price"] },
  "POST /api/v1/customer/crypto-exchanges/sell": { paged: false, authenticated: true, responseDecimals: ["details.requestAmount","details.requestPrice","details.executedAmount","details.executedPrice","details.commissionFee","details.rate","details.quote.price","details.quote.amount","details.quote.total","details.quote.commissionFee"], bodyDecimals: ["Amount","Price"] },
  "POST /api/v1/customer/foreign-exchanges/execute": { paged: false, authenticated: true, responseDecimals: ["details.sourceAmount","details.destinationAmount","details.rate","details.fee"], bodyDecimals: [] },
  "POST /api/v1/customer/foreign-exchanges/quote": { paged: false, authenticated: true, responseDecimals: ["details.sourceAmount","details.destinationAmount","details.rate","details.fee"], bodyDecimals: ["SourceAmount","DestinationAmount"] },
  "POST /api/v1/customer/informationrequests/submitinformationrequest": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/payees/achpull": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/payees/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/payees/delete": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/payees/edit": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/quick-buy/cards/delete": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/quick-buy/customers/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/quick-buy/customers/documentupload": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/quick-buy/quote": { paged: false, authenticated: true, responseDecimals: ["details.price","details.amount","details.cryptoAmount","details.commissionFee"], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/quick-buy/submit": { paged: false, authenticated: true, responseDecimals: ["details.fiatAmount","details.cryptoAmount","details.price","details.commissionFee"], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/simulations/cards/approvals": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/simulations/cards/authorizations": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/simulations/cards/captures": { paged: false, authenticated: true, responseDecimals: ["details.capturedAmount","details.releasedAmount"], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/simulations/cards/refunds": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/simulations/cards/reversals": { paged: false, authenticated: true, responseDecimals: ["details.capturedAmount","details.releasedAmount"], bodyDecimals: [] },
  "POST /api/v1/customer/simulations/crypto-deposits": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/simulations/informationrequests": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: [] },
  "POST /api/v1/customer/simulations/informationrequests/decide": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/simulations/managees/jumio-completed": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/simulations/managees/kyc": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/simulations/payins": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/simulations/prices": { paged: false, authenticated: true, responseDecimals: ["details.price"], bodyDecimals: ["Price"] },
  "POST /api/v1/customer/simulations/transactions/complete": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/simulations/transactions/fail": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/transactions/cancel": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/transfers/crypto/createinternaltransfer": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/transfers/crypto/wallets/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/transfers/crypto/wallets/delete": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/transfers/crypto/wallets/edit": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v1/customer/transfers/fiat/createinternaltransfer": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: ["Amount"] },
  "POST /api/v1/customer/transfers/reverseinboundtransfer": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: [] },
  "POST /api/v1/public/auth/login": { paged: false, authenticated: false, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v2/customer/accounts/create": { paged: false, authenticated: true, responseDecimals: ["details.accounts[].totalBalance","details.accounts[].availableBalance","details.accounts[].pendingBalance"], bodyDecimals: [] },
  "POST /api/v2/customer/business/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v2/customer/business/submitverification": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v2/customer/managees/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: ["EstimatedNetWorth","EstimatedGrossAnnualIncome","MonthlyTurnover","AnticipatedTransactionActivity","PurchaseCryptoMonthlyVolume","PurchaseCryptoAverageAmount","PurchaseCryptoTotalAmountPerMonth","SellingCryptoAverageAmount","SellingCryptoMonthlyVolume","SellingCryptoTotalAmountPerMonth","TotalMonthlyVolume","TotalAverageAmount","TotalMonthlyAmount","BtcTradingPercentage","EthTradingPercentage","UsdcTradingPercentage","OtherCoinsTradingPercentage"] },
  "POST /api/v2/customer/payees/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v2/customer/transfers/crypto/withdraw": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: ["Amount"] },
  "POST /api/v2/customer/transfers/crypto/withdrawtosavedwallet": { paged: false, authenticated: true, responseDecimals: ["details.amount"], bodyDecimals: ["Amount"] },
  "POST /api/v3/customer/managees/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: ["EstimatedNetWorth","EstimatedGrossAnnualIncome","MonthlyTurnover","AnticipatedTransactionActivity","PurchaseCryptoMonthlyVolume","PurchaseCryptoAverageAmount","PurchaseCryptoTotalAmountPerMonth","SellingCryptoAverageAmount","SellingCryptoMonthlyVolume","SellingCryptoTotalAmountPerMonth","TotalMonthlyVolume","TotalAverageAmount","TotalMonthlyAmount","BtcTradingPercentage","EthTradingPercentage","UsdcTradingPercentage","OtherCoinsTradingPercentage"] },
  "POST /api/v3/customer/payees/card/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v3/customer/payees/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: [] },
  "POST /api/v3/customer/transfers/fiat/createexternaltransfer": { paged: false, authenticated: true, responseDecimals: ["details.amount","details.feeAmount"], bodyDecimals: ["Amount"] },
  "POST /api/v4/customer/managees/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: ["EstimatedNetWorth","EstimatedGrossAnnualIncome","MonthlyTurnover","AnticipatedTransactionActivity","PurchaseCryptoMonthlyVolume","PurchaseCryptoAverageAmount","PurchaseCryptoTotalAmountPerMonth","SellingCryptoAverageAmount","SellingCryptoMonthlyVolume","SellingCryptoTotalAmountPerMonth","TotalMonthlyVolume","TotalAverageAmount","TotalMonthlyAmount","BtcTradingPercentage","EthTradingPercentage","UsdcTradingPercentage","OtherCoinsTradingPercentage"] },
  "POST /api/v5/customer/managees/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: ["EstimatedNetWorth","EstimatedGrossAnnualIncome","MonthlyTurnover","AnticipatedTransactionActivity","PurchaseCryptoMonthlyVolume","PurchaseCryptoAverageAmount","PurchaseCryptoTotalAmountPerMonth","SellingCryptoAverageAmount","SellingCryptoMonthlyVolume","SellingCryptoTotalAmountPerMonth","TotalMonthlyVolume","TotalAverageAmount","TotalMonthlyAmount","BtcTradingPercentage","EthTradingPercentage","UsdcTradingPercentage","OtherCoinsTradingPercentage"] },
  "POST /quickbuy/v1/create": { paged: false, authenticated: true, responseDecimals: [], bodyDecimals: ["payment.amount"] },
} as const satisfies Record<keyof Operations, OperationMeta>;

export interface OperationMeta {
  readonly paged: boolean;
  readonly authenticated: boolean;
  readonly responseDecimals: readonly string[];
  readonly bodyDecimals: readonly string[];
}
